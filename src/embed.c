/* embed.c: build tool; writes a C file that holds a data file's bytes and a
 * function NAME(size_t *len) returning them.  Usage: embed NAME FILE */
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fputs("usage: embed NAME FILE\n", stderr);
    return 2;
  }
  FILE *f = fopen(argv[2], "rb");
  if (!f) {
    perror(argv[2]);
    return 2;
  }
  printf("#include <stddef.h>\nstatic const unsigned char data[] = {\n");
  int c;
  size_t n = 0;
  while ((c = getc(f)) != EOF)
    printf("%d,%s", c, ++n % 20 ? "" : "\n");
  printf("0};\nconst char *%s(size_t *len);\n", argv[1]);
  printf("const char *%s(size_t *len) {\n  *len = %zu;\n  return (const char *)data;\n}\n",
         argv[1], n);
  int bad = ferror(f) || ferror(stdout);
  fclose(f);
  return bad ? 2 : 0;
}
