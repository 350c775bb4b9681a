;;; init.el --- my Emacs setup for writing the blog  -*- lexical-binding: t; -*-

;;; Commentary:
;; Settings for reStructuredText and Pelican.

;;; Code:
(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/") t)
(package-initialize)

(defvar my-blog-root (expand-file-name "~/src/blog/")
  "Where the blog's sources live.")

(defcustom my-blog-author "Jane Doe"
  "The name put in new posts."
  :type 'string
  :group 'my-blog)

(defun my-blog-new-post (title)
  "Create a post called TITLE in `my-blog-root'."
  (interactive "sTitle: ")
  (let* ((slug (replace-regexp-in-string "[^a-z0-9]+" "-" (downcase title)))
         (file (expand-file-name (concat "content/" slug ".rst") my-blog-root)))
    (when (file-exists-p file)
      (user-error "Post %s already exists" file))
    (find-file file)
    (insert title "\n" (make-string (length title) ?#) "\n\n"
            ":date: " (format-time-string "%Y-%m-%d %H:%M") "\n"
            ":author: " my-blog-author "\n\n")
    (save-buffer)))

(use-package rst
  :mode ("\\.rst\\'" . rst-mode)
  :hook (rst-mode . visual-line-mode)
  :config
  (setq rst-indent-width 3
        fill-column 88))

(global-set-key (kbd "C-c b n") #'my-blog-new-post)

(with-eval-after-load 'compile
  (add-to-list 'compilation-error-regexp-alist 'pelican)
  (condition-case err
      (compile "make -C ~/src/blog html")
    (error (message "build failed: %S" err))))

(dolist (hook '(rst-mode-hook markdown-mode-hook))
  (add-hook hook (lambda () (flyspell-mode 1))))

(provide 'init)
;;; init.el ends here
