/* Hostile: Opens a final link without following it (O_NOFOLLOW semantics). */
#include "hostile.h"

int main(void) {
  report("open sub/up2", try_open(SANDBOX, 0, "sub/up2", 0, R_READ));
  return 0;
}
