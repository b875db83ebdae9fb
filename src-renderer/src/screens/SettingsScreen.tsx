/**
 * 设置: center URL, institution (sandbox presets or typed in), region profile (which variant each
 * flow uses); saving writes the config file and restarts the counter behind this window. Devices:
 * what the device module offers and a test read of the configured reader.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ApiArgs, ProfileOption, SettingsView } from '../../../src-main/api/contract';
import { useSettingsStore } from '../stores/settings-store';
import { useSessionStore } from '../stores/session-store';
import { usePersonStore } from '../stores/person-store';
import { usePharmacyStore } from '../stores/pharmacy-store';
import { useClinicStore } from '../stores/clinic-store';
import { ErrorNotice } from '../components/ErrorNotice';
import { BackupCard } from '../components/BackupCard';
import { ArchiveCard } from '../components/ArchiveCard';
import { CatalogueCard } from '../components/CatalogueCard';
import { KeyHints } from '../components/KeyHints';
import { useHotkeys } from '../keyboard';
import { useOkFocus } from '../components/ok-focus';

type Values = ApiArgs<'settings.save'>;

const FLOW_LABELS: Record<string, string> = {
  pharmacyPreSettle: '药店预结算',
  pharmacySettle: '药店结算',
  pharmacyRefund: '药店退费',
  clinicRegister: '门诊挂号',
  clinicVisitInfo: '就诊信息上传',
  clinicFeeUpload: '费用明细上传',
  clinicPreSettle: '门诊预结算',
  clinicSettle: '门诊结算',
  clinicSettleCancel: '门诊结算撤销',
  clinicFeeCancel: '明细撤销',
  clinicRegisterCancel: '挂号撤销',
  catalogueQuery: '目录查询',
  inventoryCount: '商品盘存上传',
  inventoryChange: '商品库存变更',
  inventoryPurchase: '商品采购',
  inventoryPurchaseReturn: '商品采购退货',
  inventorySale: '商品销售',
  inventorySaleReturn: '商品销售退货',
  inventoryDelete: '商品信息删除',
};

/**
 * The center of this run was given at start-up (environment variable), not by the file: it is
 * shown as such, never saved into the file, and a file URL it hides is said to be unused.
 */
function CenterOverrideNote({ override }: { override: NonNullable<SettingsView['centerOverride']> }) {
  return (
    <Alert
      type={override.fileShadowed ? 'warning' : 'info'}
      showIcon
      style={{ marginTop: 8 }}
      data-testid="center-override"
      title={`本次运行的中心地址由启动时的环境变量指定${override.url ? '' : ': 内置沙箱中心'} (不会保存到配置文件)`}
      description={
        <>
          {override.url && <CenterAddress label="环境变量指定的地址" url={override.url} testId="override-center-url" />}
          {override.fileShadowed
            ? '上面填写并保存的是配置文件中的地址, 它目前被覆盖、未被使用; 去掉该环境变量并重新启动收银台后才生效。'
            : '配置文件中的地址与它相同。'}
        </>
      }
    />
  );
}

/**
 * A center address shown read-only in a field (as the address is entered): the technician can copy
 * it, and the screen's text stays Chinese (issue 17: no addresses or paths in the text).
 */
function CenterAddress({ label, url, testId }: { label: string; url: string; testId: string }) {
  return (
    <Space.Compact style={{ width: '100%', marginTop: 4 }}>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', paddingInlineEnd: 8, lineHeight: '24px' }}>
        {label}
      </Typography.Text>
      <Input size="small" readOnly value={url} data-testid={testId} />
    </Space.Compact>
  );
}

export function SettingsScreen() {
  const okFocus = useOkFocus();
  const s = useSettingsStore();
  const refreshSession = useSessionStore((x) => x.refresh);
  const [form] = Form.useForm<Values>();
  const [confirm, setConfirm] = useState<Values | null>(null);
  const profile = Form.useWatch('profile', form);

  const load = s.load;
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!s.settings) return;
    form.setFieldsValue({
      centerUrl: s.settings.centerUrl,
      institution: s.settings.institution,
      profile: s.settings.profile as Values['profile'],
      printer: s.settings.printer,
      archiveAfterYears: s.settings.archiveAfterYears,
    });
  }, [s.settings, form]);

  const ask = async () => {
    try {
      const values = await form.validateFields();
      // A cleared 流水归档 is "off" (null), not "keep the file's setting".
      setConfirm({ ...values, archiveAfterYears: values.archiveAfterYears ?? null });
    } catch {
      // the form shows what is wrong
    }
  };
  useHotkeys({ F6: () => void ask() }, { enabled: confirm === null });

  const save = async (values: Values) => {
    if (await s.save(values)) {
      setConfirm(null);
      usePersonStore.getState().clear();
      usePharmacyStore.getState().newSale();
      useClinicStore.getState().newVisit();
      await refreshSession();
    }
  };

  const chosenProfile: ProfileOption | undefined = s.settings?.profiles.find((p) => p.id === profile);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <KeyHints
        hints={[
          ['F6', '保存并重新启动'],
          ['Enter', '确认'],
          ['Esc', '取消'],
        ]}
      />
      <ErrorNotice error={s.error} testId="settings-error" />
      {s.saved && (
        <Alert
          type="success"
          showIcon
          title="设置已保存, 收银台已按新设置重新启动"
          description={s.savedNote}
          data-testid="settings-saved"
        />
      )}
      <Form<Values> form={form} layout="vertical" disabled={s.saving}>
        <Row gutter={16}>
          <Col span={12}>
            <Card size="small" title="医保中心">
              <Form.Item
                name="centerUrl"
                label="中心地址 (留空 = 内置沙箱中心, 用于培训和测试)"
                rules={[{ pattern: /^(https?:\/\/.+)?$/, message: '地址不完整: 请照医保中心给出的接口地址整段填写' }]}
              >
                <Input placeholder="医保中心给出的接口地址" data-testid="center-url" />
              </Form.Item>
              {s.settings && <CenterAddress label="当前使用" url={s.settings.runningCenterUrl} testId="running-center-url" />}
              {s.settings?.centerOverride && <CenterOverrideNote override={s.settings.centerOverride} />}
            </Card>
            <Card size="small" title="地区配置 (各业务使用的交易版本)" style={{ marginTop: 16 }}>
              <div data-testid="profile">
                <Form.Item name="profile" label="地区" rules={[{ required: true }]}>
                  <Select options={s.settings?.profiles.map((p) => ({ value: p.id, label: p.name }))} />
                </Form.Item>
              </div>
              {chosenProfile && (
                <>
                  <Typography.Paragraph type="secondary" data-testid="profile-summary">
                    {chosenProfile.summary}
                  </Typography.Paragraph>
                  <Space wrap size={[6, 6]}>
                    {Object.entries(FLOW_LABELS).map(([flow, label]) => (
                      <Tag key={flow}>
                        {label} {chosenProfile.flows[flow]}
                      </Tag>
                    ))}
                  </Space>
                </>
              )}
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title="定点机构">
              <div data-testid="institution-preset">
                <Form.Item label="沙箱演示机构 (选择后自动填写)">
                  <Select
                    allowClear
                    placeholder="选择一个沙箱机构"
                    options={s.settings?.presets.map((p) => ({ value: p.code, label: `${p.code} ${p.name} — ${p.note}` }))}
                    onChange={(code: string | undefined) => {
                      const p = s.settings?.presets.find((x) => x.code === code);
                      if (!p) return;
                      form.setFieldsValue({
                        institution: {
                          ...form.getFieldValue('institution'),
                          fixmedinsCode: p.code,
                          fixmedinsName: p.name,
                          mdtrtareaAdmvs: p.admvs,
                          kind: p.kind,
                        },
                      });
                    }}
                  />
                </Form.Item>
              </div>
              <Space wrap align="start">
                <Form.Item
                  name={['institution', 'fixmedinsCode']}
                  label="机构编码"
                  rules={[{ required: true, pattern: /^[0-9A-Za-z]{12}$/, message: '12 位字母或数字' }]}
                >
                  <Input style={{ width: 160 }} data-testid="fixmedins-code" />
                </Form.Item>
                <Form.Item
                  name={['institution', 'fixmedinsName']}
                  label="机构名称"
                  rules={[{ required: true, message: '请输入机构名称' }]}
                >
                  <Input style={{ width: 220 }} />
                </Form.Item>
                <Form.Item
                  name={['institution', 'mdtrtareaAdmvs']}
                  label="就医地区划"
                  rules={[{ required: true, pattern: /^\d{6}$/, message: '6 位数字' }]}
                >
                  <Input style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name={['institution', 'kind']} label="类型" rules={[{ required: true }]}>
                  <Select
                    style={{ width: 150 }}
                    options={[
                      { value: 'pharmacy', label: '零售药店 (购药)' },
                      { value: 'clinic', label: '诊所 / 医院 (门诊)' },
                    ]}
                  />
                </Form.Item>
                <Form.Item name={['institution', 'terminalSlot']} label="收银台序号 (0–9)" rules={[{ required: true }]}>
                  <InputNumber min={0} max={9} style={{ width: 100 }} />
                </Form.Item>
              </Space>
              <Typography.Text type="secondary">同一机构的多台收银电脑请使用不同序号 (报文ID 不会重复)。</Typography.Text>
            </Card>
            <PrinterCard />
            <ArchiveCard />
            <Button
              type="primary"
              style={{ marginTop: 16 }}
              onClick={() => void ask()}
              loading={s.saving}
              data-testid="save-settings"
            >
              保存并重新启动 (F6)
            </Button>
          </Col>
        </Row>
      </Form>
      <DevicesCard />
      <CatalogueCard />
      <BackupCard />
      <Modal
        open={confirm !== null}
        afterOpenChange={okFocus.afterOpenChange}
        title="保存设置并重新启动收银台?"
        okText="保存 (Enter)"
        cancelText="取消 (Esc)"
        okButtonProps={{ loading: s.saving, autoFocus: true, ref: okFocus.okRef, 'data-testid': 'confirm-save' } as never}
        onOk={() => confirm && void save(confirm)}
        onCancel={() => setConfirm(null)}
        destroyOnHidden
      >
        {confirm && (
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'center',
                label: '中心',
                children: confirm.centerUrl ? <Input size="small" readOnly value={confirm.centerUrl} /> : '内置沙箱中心',
              },
              {
                key: 'inst',
                label: '机构',
                children: `${confirm.institution.fixmedinsCode} ${confirm.institution.fixmedinsName}`,
              },
              {
                key: 'profile',
                label: '地区配置',
                children: s.settings?.profiles.find((p) => p.id === confirm.profile)?.name ?? confirm.profile,
              },
              {
                key: 'printer',
                label: '小票打印',
                children: confirm.printer
                  ? `${confirm.printer.deviceName || '系统默认打印机'}, ${PAPER_LABELS[confirm.printer.paper]}${confirm.printer.silent ? ', 静默打印' : ''}${confirm.printer.autoPrint ? ', 结算后自动打印' : ''}`
                  : '不变',
              },
              {
                key: 'archive',
                label: '流水归档',
                children: confirm.archiveAfterYears ? `${confirm.archiveAfterYears} 年前的流水归档` : '不归档',
              },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary">
          进行中的业务不会中断 (有结算进行时不能保存); 换了机构或中心后需要重新签到。
        </Typography.Paragraph>
        <ErrorNotice error={s.error} />
      </Modal>
    </Space>
  );
}

const PAPER_LABELS: Record<'58' | '80' | 'a4', string> = {
  '58': '58 mm 小票',
  '80': '80 mm 小票',
  a4: 'A4 医疗收费结算单',
};

/** 小票打印机: device (the system's printers under Electron), paper, silent, print after each settlement. */
function PrinterCard() {
  const printers = useSettingsStore((x) => x.printers);
  return (
    <Card size="small" title="小票打印" style={{ marginTop: 16 }} data-testid="printer-settings">
      <Space wrap align="start">
        <Form.Item name={['printer', 'deviceName']} label="打印机 (留空 = 系统默认)">
          <AutoComplete
            style={{ width: 220 }}
            options={printers.map((p) => ({ value: p.name, label: p.displayName }))}
            placeholder={printers.length > 0 ? '选择打印机' : '打印机名称'}
            data-testid="printer-device"
          />
        </Form.Item>
        <Form.Item name={['printer', 'paper']} label="纸张" rules={[{ required: true }]}>
          <Select
            style={{ width: 170 }}
            options={Object.entries(PAPER_LABELS).map(([value, label]) => ({ value, label }))}
            data-testid="printer-paper"
          />
        </Form.Item>
        <Form.Item name={['printer', 'silent']} label="静默打印 (不弹打印对话框)" valuePropName="checked">
          <Switch data-testid="printer-silent" />
        </Form.Item>
        <Form.Item name={['printer', 'autoPrint']} label="结算后自动打印" valuePropName="checked">
          <Switch data-testid="printer-auto" />
        </Form.Item>
      </Space>
      <Typography.Text type="secondary">
        {printers.length > 0
          ? '静默打印直接送到所选打印机。'
          : '浏览器中打印时, 在浏览器的打印对话框里选择打印机 (浏览器不能静默打印)。'}
      </Typography.Text>
    </Card>
  );
}

function DevicesCard() {
  const { devices, testing, test, testError, testReader } = useSettingsStore();
  if (!devices) return null;
  return (
    <Card size="small" title="读卡设备" data-testid="devices">
      <Typography.Paragraph>
        当前配置: <Tag color="blue">{devices.configured.label}</Tag> (读卡超时 {Math.round(devices.timeoutMs / 1000)} 秒)
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={[...devices.options]}
        columns={[
          { title: '方式', dataIndex: 'label' },
          {
            title: '可用',
            width: 80,
            render: (_, o) => <Tag color={o.available ? 'green' : 'default'}>{o.available ? '可用' : '未配置'}</Tag>,
          },
          { title: '说明', dataIndex: 'note' },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button onClick={() => void testReader()} loading={testing} disabled={!devices.readsOnMainSide} data-testid="test-reader">
          测试读卡器
        </Button>
        {!devices.readsOnMainSide && (
          <Typography.Text type="secondary">手工录入和键盘模式在读卡页直接输入, 无需测试。</Typography.Text>
        )}
      </Space>
      <ErrorNotice error={testError} />
      {test && (
        <Descriptions
          size="small"
          column={2}
          title={`读到: ${test.kind} (个人信息已脱敏)`}
          items={test.fields.map(([label, value]) => ({ key: label, label, children: value }))}
        />
      )}
    </Card>
  );
}
