/* wrap.c: tests of folding text output to the terminal (searcher/wrap.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tap.h"
#include "wrap.h"

/* LINE folded to WIDTH, as a string (static). */
static const char *folded(const char *line, unsigned width)
{
    static buf_t out = BUF_INIT;
    buf_reset(&out);
    wrap_line(&out, line, strlen(line), width);
    buf_putc(&out, '\0');
    return out.data;
}

int main(void)
{
    is_str(folded("short line", 80), "short line", "a line that fits is left alone");
    is_str(folded("    alpha beta gamma delta", 16), "    alpha beta\n    gamma delta",
           "a snippet line continues at its own indent");
    is_str(folded("[3] alpha beta gamma delta", 16), "[3] alpha beta\n    gamma delta",
           "a hit's title continues at the hit's indent");
    is_str(folded("\xC2\xB6" "2 alpha beta gamma", 13), "\xC2\xB6" "2 alpha beta\n    gamma",
           "a --show paragraph continues at four spaces");
    is_str(folded("no indent here at all", 10), "no indent\nhere at\nall",
           "a plain line continues at the margin");
    /* "éééé" is 8 bytes, 4 columns: it fits in 9 columns after "ab ". */
    is_str(folded("ab \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 cd", 9),
           "ab \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\ncd",
           "columns count characters, not bytes");
    /* A wide character takes two columns: 3 of them (6 columns) do not fit
     * after "abc " in 9. */
    is_str(folded("abc \xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD", 9),
           "abc\n\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD", "an East Asian wide character takes two");
    is_str(folded("    the **local government** said", 20),
           "    the\n    **local government**\n    said",
           "a highlight (plain) is never split");
    is_str(folded("    the \033[1;31mlocal government\033[0m said", 20),
           "    the\n    \033[1;31mlocal government\033[0m\n    said",
           "a highlight (colour) is never split, and its escapes take no columns");
    is_str(folded("[1] \033[1mBold title words\033[0m here", 16),
           "[1] \033[1mBold title\n    words\033[0m here",
           "a bold title is not a highlight: it may fold");
    is_str(folded("    supercalifragilistic word", 10), "    supercalifragilistic\n    word",
           "a word wider than the line is left whole");
    is_str(folded("two  spaces", 80), "two  spaces", "spaces inside a line are kept");
    is_str(folded("", 80), "", "an empty line stays empty");
    unsetenv("COLUMNS");
    setenv("COLUMNS", "57", 1);
    ok(wrap_terminal_width(-1) == 57, "COLUMNS gives the width");
    setenv("COLUMNS", "wide", 1);
    ok(wrap_terminal_width(-1) == 80, "no number in COLUMNS and no terminal: 80");
    return tap_done();
}
