/* SPDX-License-Identifier: GPL-2.0 */
/* Text measured in display columns (wcwidth of each code point: 2 for 红, 1 for é) and fitted
 * into a width by a rule that knows what it cuts: prose loses its end to `…` (never in the middle
 * of a number or an address), an address or a MAC its middle (`fe80::…:8a74`), and a number
 * nothing: it is shown whole or not at all. No ncurses here. */
#ifndef NSVIZ_TEXTFIT_H
#define NSVIZ_TEXTFIT_H

#include <stddef.h>
#include <stdint.h>

/* Where a cell holds the second column of a wide character (canvas.h). */
#define CELL_TAIL 0x110000u

enum fit {
	FIT_TEXT,   /* the end goes, marked `…`; a word with a digit in it goes whole */
	FIT_MIDDLE, /* the middle goes, marked `…`: addresses, MACs */
	FIT_WHOLE,  /* whole or nothing: numbers */
};

/* The code point at *P (UTF-8; an invalid byte is '?') and its columns in *W (0 for a combining
 * mark, 1 where the locale cannot say); *P moves past it. */
uint32_t text_next(const char **p, int *w);
/* Columns TEXT takes once its control characters are escaped (text.h). */
int text_width(const char *text);
/* TEXT (escaped) into at most W columns as KIND says, in BUF (LEN bytes). Returns the columns
 * of BUF: 0 and "" when nothing fits (always so for FIT_WHOLE when TEXT is wider than W). */
int text_fit(const char *text, int w, enum fit kind, char *buf, size_t len);

#endif
