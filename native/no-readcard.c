/*
 * A reader library that lacks ReadCardBas: the counter must report "function missing" by name
 * instead of crashing (vendor builds differ in what they export).
 */
#ifdef _WIN32
#define EXPORT __declspec(dllexport)
#define WINAPI __stdcall
#else
#define EXPORT __attribute__((visibility("default")))
#define WINAPI
#endif

EXPORT long WINAPI Init(const char *pUrl, const char *pUser) {
  (void)pUrl;
  (void)pUser;
  return 0;
}
