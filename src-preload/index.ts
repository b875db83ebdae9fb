/**
 * Preload: exposes exactly one typed object, window.yibao, through contextBridge. It
 * forwards method + args on one channel; main validates every payload.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { YibaoApi } from '../src-main/api/contract';
import { INVOKE_CHANNEL } from './channel';

const api: YibaoApi = {
  invoke: (method, args) => ipcRenderer.invoke(INVOKE_CHANNEL, method, args),
};

contextBridge.exposeInMainWorld('yibao', api);
