"""Writes docutils' own reST parser test cases as JSON, for crates/rst/tests/docutils_suite.rs.

Run with the oracle's python (docutils 0.23):

    python extract.py <docutils sdist folder> <output cases.json>

Every test module under test/test_parsers/test_rst (and its test_directives folder) keeps its
cases in module-level dicts named ``totest``: ``{group: [[input, expected], ...]}``. Each
case is written with its expected pseudo-XML, the settings and transforms its module uses
(read from the module's source), and whether docutils' parser with default settings and no
transforms, as this script runs it, prints exactly the expected text. The Rust test scopes
cases by that last field and by the checked-in out-of-scope list.
"""

import ast
import contextlib
import importlib.util
import io
import json
import os
import sys
from pathlib import Path

from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser, directives, roles
from docutils.utils import new_document


def module_settings(source):
    """Assignments like ``settings.halt_level = 5`` in a test module, as {name: source}."""
    found = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if (isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and 'settings' in target.value.id
                    and target.attr != 'warning_stream'):
                found[target.attr] = ast.unparse(node.value)
    return found


def uses_transforms(source):
    return any(word in source for word in ('apply_transforms', 'publish_', 'add_transform'))


def default_parse(text):
    """What docutils' parser alone, with default settings, makes of `text` in a fresh process.

    docutils keeps the roles and directives a document defines (``.. role::``) in
    process-wide registries, so one case's definitions would leak into the next: they are
    emptied first (lookups fill them again from docutils' own tables).
    """
    roles._roles.clear()
    directives._directives.clear()
    settings = get_default_settings(Parser)
    settings.warning_stream = ''
    settings.halt_level = 5
    document = new_document('test data', settings)
    Parser().parse(text, document)
    return document.pformat()


def pairs(value):
    """The [input, expected] pairs of one group, whatever extra shape the module uses."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], list):
        value = value[1]  # test_source_line: (transforms, cases)
    if not isinstance(value, list):
        return []
    out = []
    for case in value:
        if (isinstance(case, (list, tuple)) and len(case) >= 2
                and isinstance(case[0], str) and isinstance(case[1], str)):
            out.append((case[0], case[1]))
    return out


def load(path, sdist):
    name = 'docutils_suite_' + '_'.join(path.relative_to(sdist).with_suffix('').parts)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    sdist = Path(sys.argv[1]).resolve()
    out_path = Path(sys.argv[2])
    root = sdist / 'test' / 'test_parsers' / 'test_rst'
    sys.path.insert(0, str(sdist))  # `from test.test_parsers... import ...` in some modules
    files = sorted(root.glob('test_*.py')) + sorted((root / 'test_directives').glob('test_*.py'))
    cases = []
    modules = []
    for path in files:
        module_id = path.relative_to(root).with_suffix('').as_posix()
        source = path.read_text(encoding='utf-8')
        settings = module_settings(source)
        transforms = uses_transforms(source)
        # Include tests name files relative to their module's folder.
        cwd = os.getcwd()
        os.chdir(path.parent)
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                module = load(path, sdist)
            count = 0
            value = getattr(module, 'totest', None)
            if isinstance(value, dict):
                for group, group_cases in value.items():
                    for index, (text, expected) in enumerate(pairs(group_cases)):
                        if not expected.startswith('<document'):
                            continue  # the table parser's own tests: data, not a document
                        try:
                            with contextlib.redirect_stderr(io.StringIO()):
                                got = default_parse(text)
                        except Exception as e:  # a case meant for other settings
                            got = f'<docutils raised {type(e).__name__}>'
                        cases.append({
                            'id': f'{module_id}[{group}][{index}]',
                            'module': module_id,
                            'group': group,
                            'index': index,
                            'input': text,
                            'expected': expected,
                            'settings': settings,
                            'transforms': transforms,
                            'default_parser_output_equal': got == expected,
                        })
                        count += 1
            modules.append({'module': module_id, 'cases': count, 'settings': settings,
                            'transforms': transforms})
        finally:
            os.chdir(cwd)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    import docutils
    data = {'docutils': docutils.__version__, 'modules': modules, 'cases': cases}
    out_path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding='utf-8')
    equal = sum(c['default_parser_output_equal'] for c in cases)
    print(f'{out_path}: {len(cases)} cases from {len(modules)} modules, '
          f'{equal} as the default parser prints them')


if __name__ == '__main__':
    main()
