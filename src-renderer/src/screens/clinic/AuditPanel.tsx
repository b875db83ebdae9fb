/**
 * 明细审核 of the bill being entered (3101 事前, before 2204): the center's warnings with the lines
 * they concern; for each the cashier either goes back to change the bill (返回修改) or continues
 * with a reason (继续执行); either answer is reported with 3103.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Input, List, Space, Tag } from 'antd';
import type { AuditReportView } from '../../../../src-main/api/contract';
import { call } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { uiError, yuan, type UiError } from '../../format';
import { wireLines, type DraftLine } from '../../stores/draft-lines';

/** "D2" → "第 2 行". */
const lineLabel = (id: string) => (/^D\d+$/.test(id) ? `第 ${id.slice(1)} 行` : id);

export function AuditPanel({ mdtrtId, lines, disabled }: { mdtrtId: string; lines: readonly DraftLine[]; disabled: boolean }) {
  const [report, setReport] = useState<AuditReportView | null>(null);
  const [handled, setHandled] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  // A changed bill needs a new check.
  useEffect(() => setReport(null), [lines]);

  async function check() {
    setBusy(true);
    setError(null);
    try {
      setReport(await call('audit.checkDraft', { mdtrtId, lines: wireLines(lines) }));
      setHandled({});
    } catch (e) {
      setError(uiError(e));
    } finally {
      setBusy(false);
    }
  }

  async function decide(jrId: string, action: 'continue' | 'modify') {
    setBusy(true);
    setError(null);
    try {
      await call('audit.feedback', { stage: 'pre', decisions: [{ jrId, action, reason: reasons[jrId] || undefined }] });
      setHandled((h) => ({ ...h, [jrId]: action === 'continue' ? '已继续执行' : '已返回修改' }));
    } catch (e) {
      setError(uiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="audit-panel">
      <Button
        onClick={() => void check()}
        loading={busy && !report}
        disabled={disabled || lines.length === 0}
        data-testid="audit-check"
      >
        明细审核 (3101)
      </Button>
      <ErrorNotice error={error} onClose={() => setError(null)} testId="audit-error" />
      {report && report.hits.length === 0 && (
        <Alert type="success" showIcon title="明细审核未发现违规" data-testid="audit-clean" />
      )}
      {report && report.hits.length > 0 && (
        <List
          size="small"
          bordered
          data-testid="audit-hits"
          dataSource={[...report.hits]}
          renderItem={(h) => (
            <List.Item
              data-testid={`audit-hit-${h.ruleId}`}
              actions={
                handled[h.jrId]
                  ? [<Tag key="done">{handled[h.jrId]}</Tag>]
                  : [
                      <Input
                        key="reason"
                        size="small"
                        placeholder="继续执行的理由"
                        value={reasons[h.jrId] ?? ''}
                        onChange={(e) => setReasons((r) => ({ ...r, [h.jrId]: e.target.value }))}
                        style={{ width: 160 }}
                      />,
                      <Button
                        key="continue"
                        size="small"
                        disabled={busy || !reasons[h.jrId]?.trim()}
                        onClick={() => void decide(h.jrId, 'continue')}
                      >
                        继续执行
                      </Button>,
                      <Button key="modify" size="small" disabled={busy} onClick={() => void decide(h.jrId, 'modify')}>
                        返回修改
                      </Button>,
                    ]
              }
            >
              <Space wrap>
                <Tag color={h.severity === '明确违规' ? 'red' : 'orange'}>{h.severity}</Tag>
                <strong>{h.ruleName}</strong>
                <span>{h.content}</span>
                <span>{h.lineIds.map(lineLabel).join('、')}</span>
                <span>涉及 {yuan(h.amountFen)} 元</span>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
