/**
 * 四川扩展: the region's own transactions a 四川 counter uses day to day (src-main/region/), shown only
 * where the profile names them (status.profile.regionCodes): 结算单 S3601 and 财政电子票据 S3301 / S3302
 * of a settlement, 门慢门特处方 S3701 / S5201 of a clinic visit, 城乡两病备案 Z1101 / Z1102 and 无密码结算
 * S3901 / S5901 of the person read at 读卡. The screen only asks and shows; the work is on the main side.
 */
import { Card, Tabs } from 'antd';
import { useSessionStore } from '../stores/session-store';
import { ChronicRxSection } from './region/ChronicRxSection';
import { NoPasswordSection, PersonLine, TwoDiseaseSection } from './region/PersonSections';
import { SettlementSection } from './region/SettlementSection';

export function RegionScreen() {
  const status = useSessionStore((s) => s.status);
  const codes = status?.profile.regionCodes ?? {};
  const clinic = status?.institution.kind === 'clinic';
  const tabs = [
    { key: 'settlement', label: '结算单与财政票据', children: <SettlementSection codes={codes} /> },
    ...(clinic ? [{ key: 'chronic', label: '门慢门特处方', children: <ChronicRxSection codes={codes} /> }] : []),
    {
      key: 'two-disease',
      label: '城乡两病备案',
      children: <PersonLine>{(key) => <TwoDiseaseSection codes={codes} personKey={key} />}</PersonLine>,
    },
    {
      key: 'no-password',
      label: '无密码结算',
      children: <PersonLine>{(key) => <NoPasswordSection codes={codes} personKey={key} />}</PersonLine>,
    },
  ];
  return (
    <Card title={`${status?.profile.name ?? ''}扩展交易`} size="small" data-testid="region-screen">
      <Tabs items={tabs} data-testid="region-tabs" />
    </Card>
  );
}
