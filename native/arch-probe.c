/*
 * Built with -m32 (and without libc, which a 64-bit toolchain may lack in 32-bit form) into a real
 * 32-bit shared library: the counter must recognise a 32-bit vendor DLL before trying to load it.
 */
long ReadCardBas(char *pOutBuff, int nOutBuffLen, char *pSignBuff, int nSignBuffLen) {
  (void)pOutBuff;
  (void)nOutBuffLen;
  (void)pSignBuff;
  (void)nSignBuffLen;
  return -1;
}
