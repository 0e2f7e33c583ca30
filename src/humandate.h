/*
 * humandate.h: EDTF dates of the record set as a reader writes them
 * ("1983-06" -> "June 1983") and as a sort key (where a date starts).
 * Owned by humandate.c; used by the records views (show, timeline, who).
 */
#ifndef MSSDOC_HUMANDATE_H
#define MSSDOC_HUMANDATE_H

/* Returns edtf in words, the qualifier in front: "1983" -> "1983",
 * "1983-06" -> "June 1983", "1962-02-09" -> "9 February 1962", "195X" ->
 * "1950s", "1942/1944" -> "1942–1944", "1985/1998-03" -> "1985 – March
 * 1998", "1983/.." -> "1983 onwards"; ("2021-04", "late") -> "late April
 * 2021", ("198X", "mid") -> "mid-1980s".  NULL edtf gives "", a string that
 * is not EDTF comes back as it is.  The caller frees the result. */
char *humandate(const char *edtf, const char *qualifier);

/* Stores in key[0..2] where edtf starts: year, month, day, with 0 for a
 * part it does not have (so "1983" sorts before "1983-01", a decade "195X"
 * and an interval "1942/1944" by their first year).  Returns 1, or 0 if
 * edtf is not EDTF (key is then {9999, 99, 99}, after every date). */
int humandate_key(const char *edtf, int key[3]);

/* Compares the starts of two EDTF dates as humandate_key orders them:
 * negative, zero or positive. */
int humandate_cmp(const char *a, const char *b);

#endif
