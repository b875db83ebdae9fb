/** 就诊记录 · 退费: recent visits to open again, and the settlements of other windows to refund. */
import { Button, Space, Table, Tag } from 'antd';
import type { VisitSummary } from '../../../../src-main/api/contract';
import { useClinicStore } from '../../stores/clinic-store';
import { KeyHints } from '../../components/KeyHints';
import { OtherTillPanel } from '../../components/OtherTillPanel';

export function RecentVisits({ refundInfno, onOpened }: { refundInfno: string; onOpened: () => void }) {
  const recent = useClinicStore((s) => s.recent);
  const openVisit = useClinicStore((s) => s.openVisit);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <KeyHints hints={[['F8 / Esc', '回到门诊收费']]} />
      <Table<VisitSummary>
        size="small"
        rowKey="mdtrtId"
        dataSource={[...recent]}
        pagination={{ pageSize: 15, showSizeChanger: false }}
        data-testid="recent-visits"
        columns={[
          { title: '挂号时间', dataIndex: 'registeredAt', width: 170 },
          { title: '参保人', dataIndex: 'psnNameMasked', width: 100 },
          { title: '就诊ID', dataIndex: 'mdtrtId' },
          { title: '门诊号', dataIndex: 'iptOtpNo' },
          {
            title: '状态',
            width: 110,
            render: (_, v) => (v.cancelled ? <Tag color="red">已撤销挂号</Tag> : <Tag color="green">有效</Tag>),
          },
          {
            title: '',
            width: 100,
            render: (_, v) => (
              <Button
                size="small"
                onClick={() => {
                  void openVisit(v.mdtrtId);
                  onOpened();
                }}
              >
                打开
              </Button>
            ),
          },
        ]}
      />
      <OtherTillPanel kind="clinic" refundInfno={refundInfno} />
    </Space>
  );
}
