/** Where the counter keeps its files, per platform (overridable for tests and portable installs). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'yibao-counter';

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['YIBAO_DATA_DIR']) return env['YIBAO_DATA_DIR'];
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_DIR_NAME);
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['YIBAO_CONFIG'] ?? join(defaultUserDataDir(env), 'config.json');
}
