#!/usr/bin/env python3
"""Doxygen INPUT_FILTER for gstmini's headers (scripts/docs.sh).

The headers are documented with plain `//` comments, written for people
reading the file. This filter shows them to Doxygen without touching the
sources:
  * the comment block at the top of a file becomes the file's description
    (`\\file`);
  * a `//` block right before a declaration becomes its documentation (`///`);
  * a trailing `// ...` after code on the same line becomes `///<`.
Comment text is escaped so Doxygen reads it as text: names like <sink0:src>,
"%15s" or "\\n" in examples are not commands or HTML. Indented comment
lines (examples, tables) become code blocks. Code lines pass unchanged.
"""
import re
import sys

SPECIAL = re.compile(r'([\\@<>&$#%])')


def escape(text):
    return SPECIAL.sub(r'\\\1', text)


def comment_lines(texts, first_block):
    """A block of `//` comment texts as Doxygen lines: indented lines
    (examples, tables) become code blocks, the rest escaped text."""
    out = []
    in_code = False
    for i, text in enumerate(texts):
        is_code = text.startswith('   ') or (text.startswith('  ') and text.strip())
        if is_code and not in_code and out and out[-1].strip() != '':
            out.append('')  # markdown needs a blank line before a code block
        if not is_code and in_code and text.strip():
            out.append('')
        in_code = is_code
        out.append('    ' + text if is_code else escape(text))
    if first_block and out:
        out[0] += ' \\file'  # no name after it: the block describes this file
    return out


def main(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    out = []
    block, indent = [], ''
    seen_code = False
    first_block = True

    def flush():
        nonlocal block, first_block
        if block:
            for text in comment_lines(block, first_block and not seen_code):
                out.append(indent + '///' + text)
            first_block = False
        block = []

    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith('//') and not stripped.startswith('///'):
            if not block:
                indent = line[:len(line) - len(stripped)]
            text = stripped[2:]
            block.append(text[1:] if text.startswith(' ') else text)
            continue
        flush()
        if stripped:
            seen_code = seen_code or not stripped.startswith('#pragma')
        m = re.match(r'^(.*?[;{,)])(\s*)//(?!/)(.*)$', line)
        if m and '"' not in m.group(1):
            line = m.group(1) + m.group(2) + '///<' + escape(m.group(3))
        out.append(line)
    flush()
    sys.stdout.write('\n'.join(out))


if __name__ == '__main__':
    main(sys.argv[1])
