/**
 * `yibao`: the IT person's tool and the project's test surface. Each command module
 * registers itself; business logic lives in the modules they call.
 */
import { Command, CommanderError } from 'commander';
import { registerInterfaces } from './commands/interfaces';
import { registerCall } from './commands/call';
import { registerSandbox } from './commands/sandbox';
import { registerServe } from './commands/serve';
import { registerJournal } from './commands/journal';
import { registerCatalogue } from './commands/catalogue';
import { registerDevice } from './commands/device';
import { registerInventory } from './commands/inventory';
import { registerMapping } from './commands/mapping';
import { registerReconcile } from './commands/reconcile';
import { registerClearing } from './commands/clearing';
import { registerReport } from './commands/report';
import { registerReceipt } from './commands/receipt';
import { registerAcceptance } from './commands/acceptance';
import { registerRx } from './commands/rx';
import { registerEinvoice } from './commands/einvoice';
import { registerAudit } from './commands/audit';
import { registerInfo } from './commands/info';
import { registerBackup } from './commands/backup';
import { registerShop } from './commands/shop';
import { registerRegion } from './commands/region';
import { EXIT, reportError } from './output';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('yibao')
    .description('医保收银台 命令行工具')
    .option('--config <path>', '配置文件路径 (默认 $YIBAO_CONFIG 或用户数据目录下 config.json)')
    .option('--center <url>', '医保中心地址 (覆盖配置和 $YIBAO_CENTER_URL)')
    .showHelpAfterError()
    .exitOverride();
  registerInterfaces(program);
  registerCall(program);
  registerSandbox(program);
  registerServe(program);
  registerJournal(program);
  registerCatalogue(program);
  registerDevice(program);
  registerInventory(program);
  registerMapping(program);
  registerReconcile(program);
  registerClearing(program);
  registerShop(program);
  registerReport(program);
  registerReceipt(program);
  registerAcceptance(program);
  registerRx(program);
  registerEinvoice(program);
  registerAudit(program);
  registerInfo(program);
  registerBackup(program);
  registerRegion(program);
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  const wantsJson = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error, wantsJson);
  }
}
