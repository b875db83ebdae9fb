/*
 * Test double of the vendor reader / security DLLs the counter talks to (protocol.md §4):
 *
 *   SSCard.dll style (§4.1), all `long WINAPI`, 0 = success, error text in the out buffer:
 *     Init(pUrl, pUser)
 *     ReadCardBas(pOutBuff, nOutBuffLen, pSignBuff, nSignBuffLen)   11-field "|" card string + control signature
 *     ReadSFZ(pOutBuff, nOutBuffLen, pSignBuff, nSignBuffLen)       2nd-gen ID card, fields separated by "^"
 *     GetQRBase(nTimeout, pOutBuff, nOutBuffLen, pSignBuff, nSignBuffLen)  decoded e-certificate (JSON, §4.4 fields)
 *   NationECCode.dll style (§4.4):
 *     const char *NationEcTrans(strUrl, pindata, poutdata)            "0000" = OK, poutdata = JSON envelope
 *   Security control (安全控件, seed 003 第六章; the spec names no export, so this name is the double's own):
 *     GetSafeMedium(infno, pOutBuff, nOutBuffLen)                      verification medium for dev_safe_info
 *
 * Behaviour comes from a state file named by $YIBAO_DOUBLE_STATE, read again on every call so a test can
 * change it between calls. One `key=value` per line, UTF-8:
 *
 *   mode=present|nocard|removed|truncated|slow|garbage|error|crash   (no state file: nocard)
 *     removed: -13 "card removed"; truncated: 0 with half the data (the DLL did not notice the card left)
 *   charset=gbk|utf8          encoding of every text the double writes (default gbk, as most vendor DLLs)
 *   delay_ms=N                slow: wait N ms, then answer as present
 *   error_code=N error_msg=…  error: return N with the message (UTF-8 in the file, converted to charset)
 *   init_rc=N                 Init returns N (default 0)
 *   safe_rc=N safe_msg=…      GetSafeMedium alone returns N with the message (the control refuses; default 0)
 *   certno= name= card_no= card_sn= ec_token= insu_admdvs= gend= brdy=yyyyMMdd naty= address=
 *   log=PATH                  append one line per call (arguments as received) for the tests to inspect
 *
 * Built for Linux (.so, iconv) and, with MinGW, as a Windows DLL for x64 and ia32 (the code page API
 * converts to GBK = code page 936); scripts/build-native.mjs chooses the export names (undecorated, or
 * MSVC's `_Name@N` for 32-bit __stdcall).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _WIN32
#include <process.h>
#include <windows.h>
#ifdef YIBAO_DEF_EXPORTS
#define EXPORT /* the .def file names every export */
#else
#define EXPORT __declspec(dllexport)
#endif
#define getpid _getpid
#else
#include <iconv.h>
#include <unistd.h>
#define EXPORT __attribute__((visibility("default")))
#define WINAPI
#endif

#define VALUE_MAX 256
/* Room for every composite answer built from a handful of VALUE_MAX fields. */
#define TEXT_MAX 8192

typedef struct {
  char mode[32];
  char charset[16];
  long delay_ms;
  long error_code;
  char error_msg[VALUE_MAX];
  long init_rc;
  long safe_rc;
  char safe_msg[VALUE_MAX];
  char certno[VALUE_MAX];
  char name[VALUE_MAX];
  char card_no[VALUE_MAX];
  char card_sn[VALUE_MAX];
  char ec_token[VALUE_MAX];
  char insu_admdvs[VALUE_MAX];
  char gend[VALUE_MAX];
  char brdy[VALUE_MAX];
  char naty[VALUE_MAX];
  char address[VALUE_MAX];
  char log[VALUE_MAX];
} State;

static int g_initialised = 0;
static unsigned long g_serial = 0;

#define SET(field, value) snprintf((field), sizeof(field), "%s", (value))

static void load_state(State *s) {
  memset(s, 0, sizeof *s);
  SET(s->mode, "nocard");
  SET(s->charset, "gbk");
  s->error_code = -99;
  SET(s->error_msg, "读卡器内部错误");
  SET(s->gend, "1");
  SET(s->naty, "01");
  SET(s->address, "湖北省武汉市江岸区沿江大道1号");
  const char *path = getenv("YIBAO_DOUBLE_STATE");
  if (path == NULL || *path == '\0') return;
  FILE *f = fopen(path, "r");
  if (f == NULL) return;
  char line[2 * VALUE_MAX];
  while (fgets(line, sizeof line, f) != NULL) {
    line[strcspn(line, "\r\n")] = '\0';
    char *eq = strchr(line, '=');
    if (eq == NULL || line[0] == '#') continue;
    *eq = '\0';
    const char *key = line, *val = eq + 1;
    if (strcmp(key, "mode") == 0) SET(s->mode, val);
    else if (strcmp(key, "charset") == 0) SET(s->charset, val);
    else if (strcmp(key, "delay_ms") == 0) s->delay_ms = strtol(val, NULL, 10);
    else if (strcmp(key, "error_code") == 0) s->error_code = strtol(val, NULL, 10);
    else if (strcmp(key, "error_msg") == 0) SET(s->error_msg, val);
    else if (strcmp(key, "init_rc") == 0) s->init_rc = strtol(val, NULL, 10);
    else if (strcmp(key, "safe_rc") == 0) s->safe_rc = strtol(val, NULL, 10);
    else if (strcmp(key, "safe_msg") == 0) SET(s->safe_msg, val);
    else if (strcmp(key, "certno") == 0) SET(s->certno, val);
    else if (strcmp(key, "name") == 0) SET(s->name, val);
    else if (strcmp(key, "card_no") == 0) SET(s->card_no, val);
    else if (strcmp(key, "card_sn") == 0) SET(s->card_sn, val);
    else if (strcmp(key, "ec_token") == 0) SET(s->ec_token, val);
    else if (strcmp(key, "insu_admdvs") == 0) SET(s->insu_admdvs, val);
    else if (strcmp(key, "gend") == 0) SET(s->gend, val);
    else if (strcmp(key, "brdy") == 0) SET(s->brdy, val);
    else if (strcmp(key, "naty") == 0) SET(s->naty, val);
    else if (strcmp(key, "address") == 0) SET(s->address, val);
    else if (strcmp(key, "log") == 0) SET(s->log, val);
  }
  fclose(f);
}

static void log_call(const State *s, const char *fmt, const char *a, const char *b) {
  if (s->log[0] == '\0') return;
  /* Binary: the Windows build writes the same "\n" lines as the Linux one. */
  FILE *f = fopen(s->log, "ab");
  if (f == NULL) return;
  fprintf(f, "pid=%ld ", (long)getpid());
  fprintf(f, fmt, a ? a : "", b ? b : "");
  fputc('\n', f);
  fclose(f);
}

static void sleep_ms(long ms) {
#ifdef _WIN32
  Sleep((DWORD)ms);
#else
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&t, &t) == -1 && errno == EINTR) {
  }
#endif
}

/* UTF-8 → GBK into out (room for out_cap bytes, no NUL added). Returns the bytes written, or -1. */
static long to_gbk(const char *utf8, size_t len, char *out, size_t out_cap) {
#ifdef _WIN32
  if (len == 0) return 0;
  int wide_len = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, (int)len, NULL, 0);
  if (wide_len <= 0) return -1;
  WCHAR *wide = malloc(sizeof(WCHAR) * (size_t)wide_len);
  if (wide == NULL) return -1;
  MultiByteToWideChar(CP_UTF8, 0, utf8, (int)len, wide, wide_len);
  BOOL lossy = FALSE;
  int n = WideCharToMultiByte(936, 0, wide, wide_len, out, (int)out_cap, NULL, &lossy);
  free(wide);
  return n <= 0 || lossy ? -1 : n;
#else
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == (iconv_t)-1) return -1;
  char *in = (char *)utf8, *o = out;
  size_t out_left = out_cap;
  size_t r = iconv(cd, &in, &len, &o, &out_left);
  iconv_close(cd);
  return r == (size_t)-1 ? -1 : (long)(out_cap - out_left);
#endif
}

/* Writes UTF-8 text into dst in the state's charset, NUL-terminated. Returns 0, or -1 when it does not fit. */
static int emit(const State *s, char *dst, int cap, const char *utf8) {
  if (dst == NULL || cap <= 0) return -1;
  size_t in_left = strlen(utf8);
  if (strcmp(s->charset, "utf8") == 0) {
    if ((int)in_left >= cap) return -1;
    memcpy(dst, utf8, in_left + 1);
    return 0;
  }
  long n = to_gbk(utf8, in_left, dst, (size_t)cap - 1);
  if (n < 0) return -1;
  dst[n] = '\0';
  return 0;
}

/* A hex fingerprint (FNV-1a) of the inputs and a per-call serial: each signature / medium is new, like a real one. */
static void fingerprint(char *hex32, const char *a, const char *b, unsigned long n) {
  unsigned long long h1 = 1469598103934665603ULL, h2 = 1099511628211ULL ^ n;
  for (const char *p = a; *p; p++) h1 = (h1 ^ (unsigned char)*p) * 1099511628211ULL;
  for (const char *p = b; *p; p++) h2 = (h2 ^ (unsigned char)*p) * 1099511628211ULL;
  snprintf(hex32, 33, "%016llX%016llX", h1, h2 ^ h1);
}

/*
 * The behaviours every reading function shares. Returns 1 when the caller should go on and write the
 * present-card answer, else fills rc / the message buffer and returns 0.
 */
static int common_behaviour(const State *s, char *out, int cap, long *rc, const char *no_card_msg, const char *partial) {
  if (strcmp(s->mode, "slow") == 0) {
    sleep_ms(s->delay_ms);
    return 1;
  }
  if (strcmp(s->mode, "present") == 0) return 1;
  if (strcmp(s->mode, "nocard") == 0) {
    emit(s, out, cap, no_card_msg);
    *rc = -11;
    return 0;
  }
  if (strcmp(s->mode, "removed") == 0) {
    emit(s, out, cap, "读卡过程中卡片被移走, 请重新插卡");
    *rc = -13;
    return 0;
  }
  if (strcmp(s->mode, "truncated") == 0) {
    /* The card left mid-read and the DLL did not notice: success code, half the data. */
    emit(s, out, cap, partial);
    *rc = 0;
    return 0;
  }
  if (strcmp(s->mode, "garbage") == 0) {
    /* Success code with bytes that are text in no charset and no field structure. */
    static const unsigned char junk[] = {0xFF, 0xFE, 0x81, 0x7F, 0x00};
    if (cap > (int)sizeof junk) memcpy(out, junk, sizeof junk);
    *rc = 0;
    return 0;
  }
  if (strcmp(s->mode, "crash") == 0) {
#ifdef _WIN32
    /* An access violation, what a crashing vendor DLL does on Windows. */
    *(volatile int *)(uintptr_t)s->delay_ms = 0;
#else
    raise(SIGSEGV);
#endif
  }
  /* error, or any mode the double does not know */
  emit(s, out, cap, s->error_msg);
  *rc = s->error_code;
  return 0;
}

static long require_init(const State *s, char *out, int cap) {
  if (g_initialised) return 0;
  emit(s, out, cap, "读卡器未初始化, 请先调用 Init");
  return -1;
}

EXPORT long WINAPI Init(const char *pUrl, const char *pUser) {
  State s;
  load_state(&s);
  log_call(&s, "Init url=%s user=%s", pUrl, pUser);
  if (s.init_rc != 0) return s.init_rc;
  g_initialised = 1;
  return 0;
}

EXPORT long WINAPI ReadCardBas(char *pOutBuff, int nOutBuffLen, char *pSignBuff, int nSignBuffLen) {
  State s;
  load_state(&s);
  char lens[64];
  snprintf(lens, sizeof lens, "%d/%d", nOutBuffLen, nSignBuffLen);
  log_call(&s, "ReadCardBas buffers=%s%s", lens, NULL);
  long rc = require_init(&s, pOutBuff, nOutBuffLen);
  if (rc != 0) return rc;
  char partial[2 * VALUE_MAX + 16];
  snprintf(partial, sizeof partial, "%.6s|%s|", s.card_sn, s.certno);
  if (!common_behaviour(&s, pOutBuff, nOutBuffLen, &rc, "未检测到卡片, 请插入社保卡", partial)) return rc;

  char card[TEXT_MAX];
  snprintf(card, sizeof card, "%.6s|%s|%s|%s|%s|00814E43238697159900BF7C7A|3.00|20190301|20290301|410100813475||", s.card_sn,
           s.certno, s.card_no, s.card_sn, s.name);
  if (emit(&s, pOutBuff, nOutBuffLen, card) != 0) {
    emit(&s, pOutBuff, nOutBuffLen, "输出缓冲区太小");
    return -2;
  }
  char hex[33];
  fingerprint(hex, s.card_sn, s.certno, ++g_serial);
  char sign[64];
  snprintf(sign, sizeof sign, "RZ%s", hex);
  emit(&s, pSignBuff, nSignBuffLen, sign);
  return 0;
}

EXPORT long WINAPI ReadSFZ(char *pOutBuff, int nOutBuffLen, char *pSignBuff, int nSignBuffLen) {
  State s;
  load_state(&s);
  log_call(&s, "ReadSFZ%s%s", NULL, NULL);
  long rc = require_init(&s, pOutBuff, nOutBuffLen);
  if (rc != 0) return rc;
  if (!common_behaviour(&s, pOutBuff, nOutBuffLen, &rc, "未放置身份证", s.certno)) return rc;

  char id[TEXT_MAX];
  snprintf(id, sizeof id, "%s^%s^%s^%s^%s^%s^武汉市公安局江岸分局^20150101-20350101^^", s.certno, s.name,
           strcmp(s.gend, "2") == 0 ? "女" : "男", "汉", s.brdy, s.address);
  if (emit(&s, pOutBuff, nOutBuffLen, id) != 0) return -2;
  emit(&s, pSignBuff, nSignBuffLen, "");
  return 0;
}

static void ec_json(const State *s, char *dst, size_t cap) {
  snprintf(dst, cap,
           "{\"ecToken\":\"%s\",\"idNo\":\"%s\",\"idType\":\"01\",\"userName\":\"%s\",\"insuOrg\":\"%s\","
           "\"gender\":\"%s\",\"birthday\":\"%s\"}",
           s->ec_token, s->certno, s->name, s->insu_admdvs, s->gend, s->brdy);
}

EXPORT long WINAPI GetQRBase(int nTimeout, char *pOutBuff, int nOutBuffLen, char *pSignBuff, int nSignBuffLen) {
  State s;
  load_state(&s);
  char t[32];
  snprintf(t, sizeof t, "%d", nTimeout);
  log_call(&s, "GetQRBase timeout=%s%s", t, NULL);
  long rc = require_init(&s, pOutBuff, nOutBuffLen);
  if (rc != 0) return rc;
  if (!common_behaviour(&s, pOutBuff, nOutBuffLen, &rc, "未扫到电子凭证二维码", "{\"ecToken\":\"")) return rc;

  char json[TEXT_MAX];
  ec_json(&s, json, sizeof json);
  if (emit(&s, pOutBuff, nOutBuffLen, json) != 0) return -2;
  char hex[33];
  fingerprint(hex, s.ec_token, "qr", ++g_serial);
  emit(&s, pSignBuff, nSignBuffLen, hex);
  return 0;
}

/* JSON string literal body of `text` (quotes and backslashes escaped). */
static void json_escape(char *dst, size_t cap, const char *text) {
  size_t n = 0;
  for (const char *p = text; *p && n + 2 < cap; p++) {
    if (*p == '"' || *p == '\\') dst[n++] = '\\';
    dst[n++] = *p;
  }
  dst[n] = '\0';
}

EXPORT const char *WINAPI NationEcTrans(const char *strUrl, const char *pindata, char *poutdata) {
  static char code[16];
  State s;
  load_state(&s);
  log_call(&s, "NationEcTrans url=%s pindata=%s", strUrl, pindata);
  const int cap = 8192; /* the caller's buffer size is not passed: vendors document 8 KiB */
  /* Decide in UTF-8 first, then write the whole envelope in the configured charset. */
  State as_utf8 = s;
  SET(as_utf8.charset, "utf8");
  long rc = 0;
  char msg[TEXT_MAX];
  char out[3 * TEXT_MAX];
  if (common_behaviour(&as_utf8, msg, sizeof msg, &rc, "未扫到电子凭证二维码", "{\"code\":0,")) {
    char data[TEXT_MAX], escaped[2 * TEXT_MAX];
    ec_json(&s, data, sizeof data);
    json_escape(escaped, sizeof escaped, data);
    snprintf(out, sizeof out, "{\"code\":0,\"message\":\"成功\",\"data\":\"%s\",\"orgId\":\"\",\"extra\":\"\"}", escaped);
    if (emit(&s, poutdata, cap, out) != 0) return "9999";
    return "0000";
  }
  if (rc == 0) {
    /* garbage / truncated: a success code with an answer that is not what it should be */
    memcpy(poutdata, msg, strlen(msg) + 1);
    return "0000";
  }
  char escaped[2 * VALUE_MAX];
  json_escape(escaped, sizeof escaped, msg);
  snprintf(out, sizeof out, "{\"code\":%ld,\"message\":\"%s\",\"data\":\"\"}", rc, escaped);
  emit(&s, poutdata, cap, out);
  snprintf(code, sizeof code, "%ld", rc);
  return code;
}

EXPORT long WINAPI GetSafeMedium(const char *infno, char *pOutBuff, int nOutBuffLen) {
  State s;
  load_state(&s);
  log_call(&s, "GetSafeMedium infno=%s%s", infno, NULL);
  long rc = require_init(&s, pOutBuff, nOutBuffLen);
  if (rc != 0) return rc;
  if (!common_behaviour(&s, pOutBuff, nOutBuffLen, &rc, "安全控件未读到卡或电子凭证", "SM")) return rc;
  if (s.safe_rc != 0) {
    emit(&s, pOutBuff, nOutBuffLen, s.safe_msg[0] ? s.safe_msg : "安全控件拒绝");
    return s.safe_rc;
  }
  char hex[33];
  const char *who = s.card_sn[0] ? s.card_sn : s.ec_token;
  fingerprint(hex, who, infno ? infno : "", ++g_serial);
  char medium[128];
  snprintf(medium, sizeof medium, "SM1.%s.%s", infno ? infno : "", hex);
  if (emit(&s, pOutBuff, nOutBuffLen, medium) != 0) return -2;
  return 0;
}
