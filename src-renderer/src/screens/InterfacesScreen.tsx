/** 接口清单: the registry, filterable by institution type's mandatory list, for the IT person. */
import { useEffect, useState } from 'react';
import { Alert, Input, Segmented, Space, Table, Tag } from 'antd';
import type { RegistryRow } from '../../../src-main/api/contract';
import { call } from '../api/client';

type Filter = 'all' | 'pharmacy' | 'clinic' | 'hosp1' | 'hosp2';
const LABELS: Record<Exclude<Filter, 'all'>, string> = { pharmacy: '药店', clinic: '诊所', hosp1: '一级', hosp2: '二级+' };

export function InterfacesScreen() {
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<readonly RegistryRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('registry.list', { mandatory: filter === 'all' ? undefined : filter, query: query || undefined })
      .then((r) => live && (setRows(r), setError(null)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [filter, query]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { label: '全部', value: 'all' },
            { label: '药店必须', value: 'pharmacy' },
            { label: '诊所必须', value: 'clinic' },
            { label: '一级医院必须', value: 'hosp1' },
            { label: '二级及以上必须', value: 'hosp2' },
          ]}
        />
        <Input.Search allowClear placeholder="编号或名称" onSearch={setQuery} style={{ width: 240 }} />
        <span data-testid="interface-count">共 {rows.length} 个</span>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<RegistryRow>
        rowKey="code"
        size="small"
        dataSource={[...rows]}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 90 },
          { title: '名称', dataIndex: 'name' },
          { title: '分类', dataIndex: 'category', width: 160 },
          { title: '方式', dataIndex: 'modeText', width: 100 },
          {
            title: '必须',
            width: 220,
            render: (_, r) =>
              (Object.keys(LABELS) as (keyof typeof LABELS)[])
                .filter((k) => r.mandatory[k])
                .map((k) => <Tag key={k}>{LABELS[k]}</Tag>),
          },
          { title: '清单', width: 200, render: (_, r) => r.regions.join(' / ') },
        ]}
      />
    </Space>
  );
}
