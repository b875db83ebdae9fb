/** `yibao serve`: web mode on loopback (what `npm start` runs where no Electron is available). */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { defaultRendererDir, startWebMode } from '../../host/web-mode';
import { APP_VERSION } from '../../app/version';
import { installProcessGuards } from '../../core/log';
import { isDatabaseProblem, startProblemHost } from '../../host/problem-mode';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('以网页模式启动收银台 (本机回环地址), 未配置中心地址时同时启动内置沙箱中心')
    .option('--port <n>', '网页端口 (默认配置 web.port = 5780; 0 = 任意空闲端口)', (v) => Number(v))
    .action(async (opts: { port?: number }) => {
      const g = program.opts<{ config?: string; center?: string }>();
      // The counter stays up through an exception nobody caught; the journal holds what was sent.
      installProcessGuards();
      const rendererDir = defaultRendererDir(dirname(fileURLToPath(import.meta.url)));
      let mode: Awaited<ReturnType<typeof startWebMode>>;
      try {
        mode = await startWebMode({
          configPath: g.config,
          centerUrl: g.center,
          port: opts.port,
          rendererDir,
          version: APP_VERSION,
        });
      } catch (error) {
        if (!isDatabaseProblem(error)) throw error;
        // The screen says what happened instead of a page that never loads; the file is left as it is.
        const host = await startProblemHost({ problem: error, configPath: g.config, rendererDir, port: opts.port });
        process.stderr.write(`错误 [${error.code}]: ${error.messageZh}\n  说明页: ${host.url}\n`);
        await untilStopped();
        await host.close();
        process.exitCode = 1;
        return;
      }
      const center = mode.app.sandbox ? `内置沙箱中心 ${mode.app.centerUrl}` : mode.app.centerUrl;
      process.stdout.write(
        `医保收银台已启动 (网页模式)\n  打开: ${mode.url}\n  医保中心: ${center}\n  配置文件: ${mode.app.loaded.path}\n按 Ctrl+C 退出\n`,
      );
      await untilStopped();
      await mode.close();
    });
}

function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
