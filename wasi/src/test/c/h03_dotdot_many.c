/* Hostile: Climbs as far as it can, towards /etc/passwd. */
#include "hostile.h"

int main(void) {
  report("open ../../../../../../../../../../etc/passwd",
         try_open(SANDBOX, 0, "../../../../../../../../../../etc/passwd", 0, R_READ));
  return 0;
}
