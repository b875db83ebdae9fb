/** The single IPC channel between preload and main. */
export const INVOKE_CHANNEL = 'yibao:invoke';
