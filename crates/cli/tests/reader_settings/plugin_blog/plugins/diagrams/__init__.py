# A blog's own plugin: a `ditaa` directive registered in register(), a `kbd` role
# registered when Pelican sends `initialized`.
from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles
from pelican import signals


class Ditaa(Directive):
    has_content = True
    optional_arguments = 1

    def run(self):
        return [nodes.raw('', '<p class="ditaa">drawn: %d lines</p>' % len(self.content), format='html')]


def kbd(name, rawtext, text, lineno, inliner, options={}, content=[]):
    return [nodes.literal(rawtext, text, classes=['kbd'])], []


def on_initialized(pelican):
    roles.register_local_role('kbd', kbd)


def register():
    directives.register_directive('ditaa', Ditaa)
    signals.initialized.connect(on_initialized)
