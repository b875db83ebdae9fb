/**
 * The sandbox's admin endpoint (loopback, separate port so it stays up while the protocol
 * port refuses connections): faults, the message log, seeded persons, status.
 *   GET    /admin/status
 *   GET    /admin/persons
 *   GET    /admin/prescriptions
 *   GET    /admin/messages?infno=&outcome=&since=&afterId=&limit=&order=asc|desc (default newest first)
 *   GET    /admin/faults      POST /admin/faults {infno, mode, times}      DELETE /admin/faults
 * Every path sits under a per-start secret (`adminUrl` = http://host:port/<token>) and the Host header
 * must name this server: a page of another origin in the cashier's browser can neither guess the
 * address nor reach it by DNS rebinding, so it cannot inject faults into a training center.
 */
import type http from 'node:http';
import { yuanNumber } from '../amounts';
import { isYibaoError } from '../../core/errors';
import { CenterReject } from './reject';
import { formatDate } from '../../core/time';
import { listSandboxPersons } from '../seed';
import { prescriptionListing } from '../seed/prescriptions';
import type { SandboxCenter } from './sandbox-center';

type Json = Record<string, unknown> | unknown[];

/** The seeded persons with their credentials, ages as of today (yibao sandbox persons). */
export function personsListing(center: SandboxCenter, now = new Date()): Record<string, unknown>[] {
  return listSandboxPersons(center.store, { asOf: formatDate(now) }).map((p) => ({
    psn_no: p.psnNo,
    psn_name: p.psnName,
    category: p.category,
    category_label: p.categoryLabel,
    group: p.group,
    age: p.age,
    gend: p.gend,
    insutype: p.insutype,
    psn_type: p.psnType,
    psn_insu_stas: p.psnInsuStas,
    balc: yuanNumber(p.balc),
    certno: p.certno,
    card_no: p.cardNo ?? '',
    card_sn: p.cardSn ?? '',
    ec_token: p.ecToken ?? '',
    insuplc_admdvs: p.insuplcAdmdvs,
    insu_region: p.insuRegion,
  }));
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += (chunk as Buffer).toString('utf8');
  if (text === '') return {};
  const v = JSON.parse(text) as unknown;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new CenterReject('请求体必须是 JSON 对象');
  return v as Record<string, unknown>;
}

/** Refuses requests whose Host is not this server or whose path lacks the secret prefix; strips it. */
export function guardAdmin(
  token: string,
  allowedHosts: () => ReadonlySet<string>,
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
) {
  const prefix = `/${token}/`;
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const refuse = (status: number, error: string) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: false, error }));
    };
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(421, '主机名不符');
    const url = req.url ?? '/';
    if (!url.startsWith(prefix)) return refuse(403, '管理地址无效: 请用沙箱启动时打印的管理地址 (含令牌)');
    req.url = url.slice(prefix.length - 1);
    handler(req, res);
  };
}

export function createAdminHandler(center: SandboxCenter, protocolUrl: () => string) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const send = (status: number, body: { ok: boolean; value?: Json | unknown; error?: string }) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://sandbox.local');
    } catch {
      return send(400, { ok: false, error: '请求地址无效' });
    }
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    void (async () => {
      try {
        switch (route) {
          case 'GET /admin/status': {
            const counts = center.store.messages.countViolations();
            return send(200, {
              ok: true,
              value: { url: protocolUrl(), persons: center.store.persons.list().length, ...counts, faults: center.listFaults() },
            });
          }
          case 'GET /admin/persons':
            return send(200, { ok: true, value: personsListing(center) });
          case 'GET /admin/prescriptions':
            return send(200, { ok: true, value: prescriptionListing(center.store) });
          case 'GET /admin/messages': {
            const q = url.searchParams;
            const outcome = q.get('outcome');
            const rows = center.messages({
              infno: q.get('infno') ?? undefined,
              outcome: outcome === 'ok' || outcome === 'error' || outcome === 'pending' ? outcome : undefined,
              since: q.get('since') ?? undefined,
              afterId: q.has('afterId') ? Number(q.get('afterId')) : undefined,
              limit: q.has('limit') ? Number(q.get('limit')) : undefined,
              newest: q.get('order') !== 'asc',
            });
            return send(200, {
              ok: true,
              value: rows.map((m) => ({
                id: m.id,
                received_at: m.receivedAt,
                infno: m.infno,
                msgid: m.msgid,
                opter: m.opter,
                accepted: m.accepted,
                infcode: m.infcode,
                err_msg: m.errMsg,
                fault: m.faultApplied,
                violations: m.violations,
              })),
            });
          }
          case 'GET /admin/faults':
            return send(200, { ok: true, value: center.listFaults() });
          case 'POST /admin/faults': {
            const body = await readJson(req);
            const times = body['times'] === null ? null : Number(body['times'] ?? 1);
            const rule = center.addFault(String(body['infno'] ?? '*'), String(body['mode'] ?? ''), times);
            return send(200, { ok: true, value: rule });
          }
          case 'DELETE /admin/faults':
            return send(200, { ok: true, value: { cleared: center.clearFaults() } });
          default:
            return send(404, { ok: false, error: `未知的管理接口 ${route}` });
        }
      } catch (error) {
        const message =
          error instanceof CenterReject
            ? error.errMsg
            : isYibaoError(error)
              ? error.messageZh
              : String((error as Error)?.message ?? error);
        send(400, { ok: false, error: message });
      }
    })();
  };
}
