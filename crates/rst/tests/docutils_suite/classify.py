"""Sorts the docutils suite's differing cases into classes, largest first.

    DOCUTILS_SUITE_REPORT=/tmp/report.json cargo test -p folio-rst --test docutils_suite
    python3 classify.py /tmp/report.json [--examples]

Each case is put in one class by its first differing line, after removing the INFO (level 1)
system messages from both sides: Pelican's default report level drops those from its HTML,
so a case that differs only by them has a class of its own. With --examples, each class
shows its case with the shortest input: the input, then expected and ours around the
first difference. Stdlib only.
"""

import json
import re
import sys
from collections import defaultdict

TAG = re.compile(r'\s*<(\w+)((?: [\w:]+="[^"]*")*)>$')
INFO = re.compile(r'\s*<system_message [^>]*level="1"')


def without_info(text):
    """The lines of pseudo-XML `text` without level-1 system messages and their content."""
    out, inside = [], None
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        if inside is not None and indent > inside:
            continue
        inside = None
        if INFO.match(line):
            inside = indent
            continue
        out.append(line)
    return out


def tag(line):
    m = TAG.match(line)
    return (m.group(1), set(re.findall(r' ([\w:]+)=', m.group(2)))) if m else (None, set())


def message_after(lines, k):
    """The first text line of the system message at line `k`, with names and numbers masked."""
    for line in lines[k + 1:k + 4]:
        if not line.strip().startswith('<'):
            text = re.sub(r'"[^"]*"', '"X"', line.strip())
            return re.sub(r'\d+', 'N', text)[:80]
    return ''


def first_difference(expected, ours):
    k = next((i for i, (a, b) in enumerate(zip(expected, ours)) if a != b),
             min(len(expected), len(ours)))
    a = expected[k] if k < len(expected) else ''
    b = ours[k] if k < len(ours) else ''
    return k, a, b


def classify(case):
    expected, ours = without_info(case['expected']), without_info(case['ours'])
    if expected == ours:
        return 'only INFO messages missing (not in Pelican\'s HTML)'
    k, a, b = first_difference(expected, ours)
    (ta, atts_a), (tb, atts_b) = tag(a), tag(b)
    if ta == 'system_message' and tb == 'system_message':
        if message_after(expected, k) != message_after(ours, k):
            return 'message with other text: ' + message_after(expected, k)
        return 'message with other level or line'
    if ta == 'system_message':
        return 'missing message: ' + message_after(expected, k)
    if tb == 'system_message':
        return 'message docutils does not give: ' + message_after(ours, k)
    if ta and ta == tb:
        if 'dupnames' in atts_a ^ atts_b:
            return 'duplicate names'
        if (atts_a - atts_b) & {'ids', 'names', 'classes'}:
            return f'<{ta}> lacks its :name: or :class: option'
        return f'<{ta}> attribute values ({", ".join(sorted(atts_a ^ atts_b)) or "same names"})'
    if ta is None and tb is None and a and b:
        if a.rstrip() == b.rstrip():
            return 'trailing whitespace in text'
        if b.strip().startswith(a.strip()):
            return 'inline markup not recognised (text runs on)'
        return 'text differs'
    return f'expected <{ta or "text" if a else "end"}>, ours <{tb or "text" if b else "end"}>'


def main():
    cases = json.load(open(sys.argv[1], encoding='utf-8'))
    classes = defaultdict(list)
    for case in cases:
        classes[classify(case)].append(case)
    ranked = sorted(classes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    print(f'{len(cases)} differing cases in {len(ranked)} classes')
    for name, members in ranked:
        print(f'{len(members):4d}  {name}')
    if '--examples' in sys.argv:
        for name, members in ranked:
            case = min(members, key=lambda c: len(c['input']))
            expected, ours = case['expected'].splitlines(), case['ours'].splitlines()
            k, _, _ = first_difference(expected, ours)
            lo = max(0, k - 2)
            print(f'\n## {len(members)}  {name}\n{case["id"]}\n--- input\n{case["input"]}'
                  f'--- expected\n' + '\n'.join(expected[lo:k + 4]) +
                  '\n--- ours\n' + '\n'.join(ours[lo:k + 4]))


if __name__ == '__main__':
    main()
