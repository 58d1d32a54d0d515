/*
 * lz: an LZ77 compressor (hash chains, lazy-free greedy parsing, varint tokens) and its
 * decompressor, round-tripping generated text. Byte loads and stores, hashing, unpredictable
 * branches: the shape of real compression code.
 */
#include "bench.h"

#define HASH_BITS 16
#define WINDOW (1 << 16)
#define MIN_MATCH 4
#define MAX_CHAIN 32

static uint32_t hash4(const unsigned char *p) {
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
  return (v * 2654435761u) >> (32 - HASH_BITS);
}

static unsigned char *put_varint(unsigned char *out, uint32_t value) {
  while (value >= 0x80) {
    *out++ = (unsigned char)(value | 0x80);
    value >>= 7;
  }
  *out++ = (unsigned char)value;
  return out;
}

static const unsigned char *get_varint(const unsigned char *in, uint32_t *value) {
  uint32_t result = 0;
  int shift = 0;
  while (*in & 0x80) {
    result |= (uint32_t)(*in++ & 0x7f) << shift;
    shift += 7;
  }
  *value = result | (uint32_t)*in++ << shift;
  return in;
}

/* Output: (literal count, literals, match length, match distance)*, the last with length 0. */
static size_t compress(const unsigned char *in, size_t n, unsigned char *out, int32_t *head,
                       int32_t *chain) {
  for (int i = 0; i < (1 << HASH_BITS); i++) head[i] = -1;
  unsigned char *o = out;
  size_t literal_start = 0, i = 0;
  while (i + MIN_MATCH <= n) {
    uint32_t h = hash4(in + i);
    size_t best_length = 0, best_distance = 0;
    int32_t candidate = head[h];
    for (int steps = 0; candidate >= 0 && steps < MAX_CHAIN; steps++) {
      size_t distance = i - (size_t)candidate;
      if (distance > WINDOW) break;
      size_t length = 0;
      while (i + length < n && in[candidate + length] == in[i + length]) length++;
      if (length > best_length) {
        best_length = length;
        best_distance = distance;
      }
      candidate = chain[candidate % WINDOW];
    }
    chain[i % WINDOW] = head[h];
    head[h] = (int32_t)i;
    if (best_length >= MIN_MATCH) {
      o = put_varint(o, (uint32_t)(i - literal_start));
      memcpy(o, in + literal_start, i - literal_start);
      o += i - literal_start;
      o = put_varint(o, (uint32_t)best_length);
      o = put_varint(o, (uint32_t)best_distance);
      /* Index the positions inside the match too, so later data can refer to them. */
      for (size_t k = 1; k < best_length && i + k + MIN_MATCH <= n; k++) {
        uint32_t hk = hash4(in + i + k);
        chain[(i + k) % WINDOW] = head[hk];
        head[hk] = (int32_t)(i + k);
      }
      i += best_length;
      literal_start = i;
    } else {
      i++;
    }
  }
  o = put_varint(o, (uint32_t)(n - literal_start));
  memcpy(o, in + literal_start, n - literal_start);
  o += n - literal_start;
  o = put_varint(o, 0);
  return (size_t)(o - out);
}

static size_t decompress(const unsigned char *in, unsigned char *out) {
  unsigned char *o = out;
  for (;;) {
    uint32_t literals, length, distance;
    in = get_varint(in, &literals);
    memcpy(o, in, literals);
    in += literals;
    o += literals;
    in = get_varint(in, &length);
    if (length == 0) break;
    in = get_varint(in, &distance);
    /* Byte by byte: a match may overlap the bytes it produces. */
    const unsigned char *from = o - distance;
    for (uint32_t k = 0; k < length; k++) o[k] = from[k];
    o += length;
  }
  return (size_t)(o - out);
}

static const char *const WORDS[] = {
    "the ",     "quick ",  "brown ",   "fox ",       "jumps ",  "over ",    "lazy ",
    "dog ",     "wasm ",   "module ",  "function ",  "memory ", "table ",   "global ",
    "import ",  "export ", "call ",    "indirect ",  "block ",  "loop ",    "branch ",
    "if ",      "else ",   "end ",     "return ",    "local ",  "get ",     "set ",
    "i32.add ", "i64.mul ", "f64.div ", "load ",     "store ",  "grow ",    "\n"};

static void generate(unsigned char *buffer, size_t n) {
  size_t count = sizeof WORDS / sizeof WORDS[0], i = 0;
  while (i < n) {
    uint64_t r = bench_random();
    const char *word = WORDS[r % count];
    size_t length = strlen(word);
    /* One word in sixteen gets a random digit, so the text is not too repetitive. */
    if ((r >> 32) % 16 == 0 && i < n) buffer[i++] = (unsigned char)('0' + (r >> 40) % 10);
    for (size_t k = 0; k < length && i < n; k++) buffer[i++] = (unsigned char)word[k];
  }
}

int main(int argc, char **argv) {
  long rounds = bench_pick(argc, argv, 2, 40);
  size_t n = 1 << 20;
  unsigned char *input = malloc(n);
  unsigned char *compressed = malloc(n + n / 2 + 16);
  unsigned char *output = malloc(n);
  int32_t *head = malloc(sizeof(int32_t) << HASH_BITS);
  int32_t *chain = malloc(sizeof(int32_t) * WINDOW);
  uint64_t hash = FNV_OFFSET;
  size_t total = 0;
  for (long round = 0; round < rounds; round++) {
    generate(input, n);
    size_t size = compress(input, n, compressed, head, chain);
    size_t restored = decompress(compressed, output);
    if (restored != n || memcmp(input, output, n) != 0) {
      printf("round trip failed in round %ld\n", round);
      return 1;
    }
    total += size;
    hash = fnv1a(hash, compressed, size);
  }
  printf("compressed %ld x %zu bytes to %zu bytes in total\n", rounds, n, total);
  printf("checksum: %016llx\n", (unsigned long long)hash);
  free(input);
  free(compressed);
  free(output);
  free(head);
  free(chain);
  return 0;
}
