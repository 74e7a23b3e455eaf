/* SPDX-License-Identifier: GPL-2.0 */
/* Names from outside (files, the command line, the kernel) made safe to print: a control
 * character must not drive the terminal. Used by every output: messages, show, tables, the UI,
 * JSON. */
#ifndef NSVIZ_TEXT_H
#define NSVIZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* The length of the UTF-8 sequence at S (1 to 4) if it is valid, else minus the length of its
 * longest valid beginning (at least 1): overlong forms, surrogates and code points past U+10FFFF
 * are not valid. */
int text_utf8_len(const char *s);
/* The length in bytes of the character at S (1 to 4; 0 at the end), and in *CONTROL whether it
 * is a control character: C0 (0x00-0x1f), DEL, C1 as UTF-8 (U+0080-U+009F) or a byte 0x80-0x9f
 * that is not part of valid UTF-8 (C1 on a Latin-1 terminal). Valid UTF-8 is one character. */
size_t text_char(const char *s, bool *control);
/* S contains a control character; *AT (if not NULL) points to the first. */
bool text_has_control(const char *s, const char **at);
/* S into BUF (LEN bytes, cut at a whole character) with each byte of each control character
 * as \xNN; returns BUF. */
char *text_escape(const char *s, char *buf, size_t len);
/* The same, allocated (NULL when out of memory). */
char *text_escape_dup(const char *s);

#endif
