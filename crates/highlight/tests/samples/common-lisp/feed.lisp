;;;; feed.lisp --- build a blog's feed

(defpackage :blog-feed
  (:use :cl)
  (:export #:post #:make-post #:latest #:render-feed))

(in-package :blog-feed)

(defstruct post
  (title "" :type string)
  (date 0 :type integer)
  (tags '() :type list))

(defparameter *limit* 10
  "How many posts the feed shows.")

(defun slugify (title)
  "Lower-case TITLE with runs of other characters turned into dashes."
  (let ((out (make-string-output-stream))
        (dash nil))
    (loop for c across (string-downcase title)
          do (if (alphanumericp c)
                 (progn (write-char c out) (setf dash nil))
                 (unless dash
                   (write-char #\- out)
                   (setf dash t))))
    (string-trim "-" (get-output-stream-string out))))

(defun latest (posts &optional (n *limit*))
  (subseq (sort (copy-list posts) #'> :key #'post-date)
          0 (min n (length posts))))

(defgeneric render (thing stream)
  (:documentation "Write THING as feed XML."))

(defmethod render ((p post) stream)
  (format stream "<item><title>~a</title><link>/~a/</link></item>~%"
          (post-title p) (slugify (post-title p))))

(defun render-feed (posts &key (stream *standard-output*))
  (format stream "<rss version=\"2.0\">~%")
  (dolist (p (latest posts))
    (render p stream))
  (format stream "</rss>~%")
  (values (length posts) 1.5d0 #x1F))

#| A quick check:
   (render-feed (list (make-post :title "Hello" :date 3)))
|#
(when (member :sbcl *features*)
  (handler-case (render-feed '())
    (error (e) (format *error-output* "failed: ~a~%" e))))
