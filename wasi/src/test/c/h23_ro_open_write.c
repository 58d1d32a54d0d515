/* Hostile: Opens a file of the read-only preopen for writing. */
#include "hostile.h"

int main(void) {
  report("open /ro/file.txt for writing", try_open(RO, 0, "file.txt", 0, R_READ | R_WRITE));
  return 0;
}
