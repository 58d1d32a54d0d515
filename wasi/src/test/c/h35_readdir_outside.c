/* Hostile: Lists the directory above and one reached through a link. */
#include "hostile.h"

int main(void) {
  report("open .. as directory", try_open(SANDBOX, 0, "..", __WASI_OFLAGS_DIRECTORY, R_DIR));
  report("open to-outside as directory (follow)",
         try_open(SANDBOX, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "to-outside", __WASI_OFLAGS_DIRECTORY,
                  R_DIR));
  return 0;
}
