/* sha256: FIPS 180-4 SHA-256 over a generated buffer, hashed repeatedly (32-bit rotates, shifts). */
#include "bench.h"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(uint32_t state[8], const unsigned char block[64]) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++) {
    w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
           (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
  }
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

static void sha256(const unsigned char *data, size_t length, unsigned char digest[32]) {
  uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  size_t i = 0;
  for (; i + 64 <= length; i += 64) compress(state, data + i);
  unsigned char tail[128] = {0};
  size_t rest = length - i;
  memcpy(tail, data + i, rest);
  tail[rest] = 0x80;
  size_t tail_length = rest + 9 <= 64 ? 64 : 128;
  uint64_t bits = (uint64_t)length * 8;
  for (int k = 0; k < 8; k++) tail[tail_length - 1 - k] = (unsigned char)(bits >> (8 * k));
  compress(state, tail);
  if (tail_length == 128) compress(state, tail + 64);
  for (int k = 0; k < 8; k++) {
    digest[4 * k] = (unsigned char)(state[k] >> 24);
    digest[4 * k + 1] = (unsigned char)(state[k] >> 16);
    digest[4 * k + 2] = (unsigned char)(state[k] >> 8);
    digest[4 * k + 3] = (unsigned char)state[k];
  }
}

static void print_hex(const char *label, const unsigned char digest[32]) {
  printf("%s", label);
  for (int i = 0; i < 32; i++) printf("%02x", digest[i]);
  printf("\n");
}

int main(int argc, char **argv) {
  long rounds = bench_pick(argc, argv, 5, 100);
  unsigned char digest[32];
  /* Known answer first: SHA-256("abc"). */
  sha256((const unsigned char *)"abc", 3, digest);
  print_hex("sha256(abc) = ", digest);
  size_t length = 4 << 20;
  unsigned char *buffer = malloc(length);
  for (size_t i = 0; i < length; i++) buffer[i] = (unsigned char)(bench_random() >> 56);
  for (long round = 0; round < rounds; round++) {
    sha256(buffer, length, digest);
    /* Chain: the next round hashes a buffer that starts with this digest. */
    memcpy(buffer, digest, 32);
  }
  print_hex("checksum: ", digest);
  free(buffer);
  return 0;
}
