/**
 * Preload: exposes exactly one typed object, window.yibao, through contextBridge. It
 * forwards method + args on one channel (main validates every payload) and passes live
 * events from main to the renderer; subscribe returns the function that unsubscribes.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { YibaoApi } from '../src-main/api/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL, isCounterEvent } from './channel';

const api: YibaoApi = {
  invoke: (method, args) => ipcRenderer.invoke(INVOKE_CHANNEL, method, args),
  subscribe(listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => {
      if (isCounterEvent(payload)) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('yibao', api);
