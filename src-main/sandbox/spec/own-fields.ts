/**
 * The sandbox center's own reading of what it is sent, where protocol.md (the generated table in
 * src-main/spec/) says nothing or too little. The center checks requests and types its handlers
 * with the document's table plus this file, and never with the client's protocol/ schemas, so a
 * mistake in a client schema fails against the center instead of moving both sides at once.
 *
 * Seeded once (issue 22) from what the counter sent at that time and from the public clients the
 * README names (7201–7210, 3101–3103, 5102, 1201; 4901–5501 and 100001 are the sandbox's own
 * reading); from here on it is edited by hand and on its own, like the center it stands for.
 */
import type { SpecField, SpecNode, SpecTransaction } from '../../spec/field-rules';
import { SICHUAN_ALIASES, SICHUAN_OWN_TRANSACTIONS } from './sichuan-fields';

/** One object node named `data`, as every 湖北 clearing request has. */
function dataNode<const F extends readonly SpecField[]>(fields: F) {
  return { node: 'data', shape: 'object', nodeFrom: 'practice', fields } as const;
}

const CLEARING_GROUP_NODES = [
  dataNode([
    { field: 'insutype', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
    { field: 'clr_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
    { field: 'setl_optins', type: 'C', length: 6, scale: null, coded: false, required: 'Y' },
    { field: 'stmt_begndate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
    { field: 'stmt_enddate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
    { field: 'medfee_sumamt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
    { field: 'fund_pay_sumamt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
    { field: 'acct_pay', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
    { field: 'fixmedins_setl_cnt', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
  ]),
] as const;

const CLEARING_SETTLEMENTS_NODE = {
  node: 'setldetail',
  shape: 'array',
  nodeFrom: 'practice',
  fields: [{ field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' }],
} as const;

const CLEARING_EVENT_NODES = [
  dataNode([{ field: 'clr_appy_evt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' }]),
] as const;

const SETTLEMENT_SPAN_NODES = [
  dataNode([
    { field: 'begntime', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
    { field: 'endtime', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
    { field: 'insutype', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
    { field: 'clr_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
    // Paged as the national list queries are (protocol.md 1312: page_num from 1, page_size rows).
    { field: 'page_num', type: 'N', length: 16, scale: 0, coded: false, required: 'N' },
    { field: 'page_size', type: 'N', length: 16, scale: 0, coded: false, required: 'N' },
  ]),
] as const;

function hubeiClearing<const I extends string, const N extends readonly SpecNode[]>(infno: I, input: N) {
  return { infno, section: 'sandbox', input, output: [] } as const;
}

/** Codes protocol.md does not describe, with their input nodes. */
export const SANDBOX_OWN_TRANSACTIONS = {
  '1201': {
    infno: '1201',
    section: 'sandbox',
    input: [
      {
        node: 'medinsinfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'fixmedins_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'fixmedins_name', type: 'C', length: 200, scale: null, coded: false, required: 'N' },
          { field: 'fixmedins_code', type: 'C', length: 12, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '1316': {
    infno: '1316',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'updt_time', type: 'C', length: 19, scale: null, coded: false, required: 'Y' },
          { field: 'page_num', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
          { field: 'page_size', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '1317': {
    infno: '1317',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'updt_time', type: 'C', length: 19, scale: null, coded: false, required: 'Y' },
          { field: 'page_num', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
          { field: 'page_size', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '1318': {
    infno: '1318',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'updt_time', type: 'C', length: 19, scale: null, coded: false, required: 'Y' },
          { field: 'page_num', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
          { field: 'page_size', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '1319': {
    infno: '1319',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'updt_time', type: 'C', length: 19, scale: null, coded: false, required: 'Y' },
          { field: 'page_num', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
          { field: 'page_size', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '2001': {
    infno: '2001',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'insutype', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'fixmedins_code', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'med_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'begntime', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'endtime', type: 'DT', length: null, scale: null, coded: false, required: 'N' },
          { field: 'dise_codg', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'dise_name', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'oprn_oprt_code', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'oprn_oprt_name', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'matn_type', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
          { field: 'birctrl_type', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3101': {
    infno: '3101',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'syscode', type: 'C', length: 10, scale: null, coded: false, required: 'Y' },
          { field: 'task_id', type: 'C', length: 40, scale: null, coded: false, required: 'Y' },
          { field: 'trig_scen', type: 'C', length: 3, scale: null, coded: true, required: 'Y' },
          { field: 'rule_ids', type: null, length: null, scale: null, coded: false, required: 'N' },
          { field: 'patient_dtos', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3102': {
    infno: '3102',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'syscode', type: 'C', length: 10, scale: null, coded: false, required: 'Y' },
          { field: 'task_id', type: 'C', length: 40, scale: null, coded: false, required: 'Y' },
          { field: 'trig_scen', type: 'C', length: 3, scale: null, coded: true, required: 'Y' },
          { field: 'rule_ids', type: null, length: null, scale: null, coded: false, required: 'N' },
          { field: 'patient_dtos', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3103': {
    infno: '3103',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'warn_type', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'warns', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3301': {
    infno: '3301',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'list_type', type: 'C', length: 30, scale: null, coded: true, required: 'Y' },
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'begndate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'enddate', type: 'D', length: null, scale: null, coded: false, required: 'N' },
          { field: 'aprvno', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'dosform', type: 'C', length: 200, scale: null, coded: false, required: 'N' },
          { field: 'exct_cont', type: 'C', length: 2000, scale: null, coded: false, required: 'N' },
          { field: 'item_cont', type: 'C', length: 2000, scale: null, coded: false, required: 'N' },
          { field: 'prcunt', type: 'C', length: 100, scale: null, coded: false, required: 'N' },
          { field: 'spec', type: 'C', length: 200, scale: null, coded: false, required: 'N' },
          { field: 'pacspec', type: 'C', length: 100, scale: null, coded: false, required: 'N' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3302': {
    infno: '3302',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'fixmedins_code', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'list_type', type: 'C', length: 30, scale: null, coded: true, required: 'Y' },
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '3501': {
    infno: '3501',
    section: 'sandbox',
    input: [
      {
        node: 'invinfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'invdate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'inv_cnt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'manu_lotnum', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'manu_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'expy_end', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3502': {
    infno: '3502',
    section: 'sandbox',
    input: [
      {
        node: 'invinfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'inv_chg_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'pric', type: 'N', length: 16, scale: 6, coded: false, required: 'Y' },
          { field: 'cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'inv_chg_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'inv_chg_opter_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'trdn_flag', type: 'C', length: 1, scale: null, coded: true, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3503': {
    infno: '3503',
    section: 'sandbox',
    input: [
      {
        node: 'purcinfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'dynt_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'spler_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'spler_pmtno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'manu_lotnum', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'prodentp_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'aprvno', type: 'C', length: 100, scale: null, coded: false, required: 'Y' },
          { field: 'manu_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'expy_end', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'finl_trns_pric', type: 'N', length: 16, scale: 6, coded: false, required: 'N' },
          { field: 'purc_retn_cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'purc_invo_codg', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'purc_invo_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'purc_retn_stoin_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'purc_retn_opter_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'prod_geay_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3504': {
    infno: '3504',
    section: 'sandbox',
    input: [
      {
        node: 'purcinfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'spler_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'spler_pmtno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'manu_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'expy_end', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'finl_trns_pric', type: 'N', length: 16, scale: 6, coded: false, required: 'N' },
          { field: 'purc_retn_cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'purc_invo_codg', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'purc_invo_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'purc_retn_stoin_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'purc_retn_opter_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'medins_prod_purc_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3505': {
    infno: '3505',
    section: 'sandbox',
    input: [
      {
        node: 'selinfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'psn_cert_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'certno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'psn_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'mdtrt_sn', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'prsc_dr_cert_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'prsc_dr_certno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'prsc_dr_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'phar_cert_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'phar_certno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'phar_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'phar_prac_cert_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'hi_feesetl_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'manu_lotnum', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'manu_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'expy_end', type: 'D', length: null, scale: null, coded: false, required: 'N' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'trdn_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'finl_trns_pric', type: 'N', length: 16, scale: 6, coded: false, required: 'N' },
          { field: 'rxno', type: 'C', length: 40, scale: null, coded: false, required: 'N' },
          { field: 'rx_circ_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'rtal_docno', type: 'C', length: 40, scale: null, coded: false, required: 'Y' },
          { field: 'stoout_no', type: 'C', length: 40, scale: null, coded: false, required: 'N' },
          { field: 'bchno', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'drug_trac_codg', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'drug_prod_barc', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'shelf_posi', type: 'C', length: 20, scale: null, coded: false, required: 'N' },
          { field: 'sel_retn_cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'sel_retn_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'sel_retn_opter_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3506': {
    infno: '3506',
    section: 'sandbox',
    input: [
      {
        node: 'selinfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'psn_cert_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'certno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'psn_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'mdtrt_sn', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'manu_lotnum', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'manu_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'expy_end', type: 'D', length: null, scale: null, coded: false, required: 'N' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'trdn_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'finl_trns_pric', type: 'N', length: 16, scale: 6, coded: false, required: 'N' },
          { field: 'sel_retn_cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'sel_retn_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'sel_retn_opter_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'medins_prod_sel_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3507': {
    infno: '3507',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'inv_data_type', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '3508': {
    infno: '3508',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'fixmedins_code', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'medins_list_codg', type: 'C', length: 150, scale: null, coded: false, required: 'N' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'begndate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'enddate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'inv_chg_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'page_num', type: 'N', length: 16, scale: 0, coded: false, required: 'N' },
          { field: 'page_size', type: 'N', length: 16, scale: 0, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3509': {
    infno: '3509',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'fixmedins_code', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'medins_list_codg', type: 'C', length: 150, scale: null, coded: false, required: 'N' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'begndate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'enddate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'inv_chg_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'page_num', type: 'N', length: 16, scale: 0, coded: false, required: 'N' },
          { field: 'page_size', type: 'N', length: 16, scale: 0, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3510': {
    infno: '3510',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'fixmedins_code', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'medins_list_codg', type: 'C', length: 150, scale: null, coded: false, required: 'N' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'begndate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'enddate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'inv_chg_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'page_num', type: 'N', length: 16, scale: 0, coded: false, required: 'N' },
          { field: 'page_size', type: 'N', length: 16, scale: 0, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3511': {
    infno: '3511',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'fixmedins_code', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'medins_list_codg', type: 'C', length: 150, scale: null, coded: false, required: 'N' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'begndate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'enddate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'inv_chg_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'page_num', type: 'N', length: 16, scale: 0, coded: false, required: 'N' },
          { field: 'page_size', type: 'N', length: 16, scale: 0, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '4901': {
    infno: '4901',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'einv_code', type: 'C', length: 20, scale: null, coded: false, required: 'Y' },
          { field: 'einv_no', type: 'C', length: 20, scale: null, coded: false, required: 'Y' },
          { field: 'einv_chkcode', type: 'C', length: 20, scale: null, coded: false, required: 'Y' },
          { field: 'einv_amt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'einv_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'einv_url', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '4902': {
    infno: '4902',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [{ field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' }],
      },
    ],
    output: [],
  },
  '4905': {
    infno: '4905',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'einv_code', type: 'C', length: 20, scale: null, coded: false, required: 'Y' },
          { field: 'einv_no', type: 'C', length: 20, scale: null, coded: false, required: 'Y' },
          { field: 'einv_chkcode', type: 'C', length: 20, scale: null, coded: false, required: 'Y' },
          { field: 'einv_amt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'einv_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'einv_url', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '5102': {
    infno: '5102',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'prac_psn_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'psn_cert_type', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
          { field: 'certno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'prac_psn_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'prac_psn_code', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '5501': {
    infno: '5501',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [{ field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' }],
      },
    ],
    output: [],
  },
  '7201': {
    infno: '7201',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_cert_type', type: 'C', length: 2, scale: null, coded: true, required: 'Y' },
          { field: 'mdtrt_cert_no', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'card_sn', type: 'C', length: 32, scale: null, coded: false, required: 'N' },
          { field: 'psn_cert_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'certno', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'psn_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'hi_rxno', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '7204': {
    infno: '7204',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'hi_rxno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'auth_rxno', type: 'C', length: 40, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '7205': {
    infno: '7205',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'hi_rxno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'rx_trace_code', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_cert_type', type: 'C', length: 2, scale: null, coded: true, required: 'Y' },
          { field: 'mdtrt_cert_no', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '7206': {
    infno: '7206',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'hi_rxno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'rx_trace_code', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'phar_cert_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'phar_certno', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'phar_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'phar_prac_cert_no', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'rx_chk_rslt', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'rx_chk_opnn', type: 'C', length: 2000, scale: null, coded: false, required: 'N' },
          { field: 'chk_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '7207': {
    infno: '7207',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'hi_rxno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'rx_trace_code', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'sel_retn_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'medfee_sumamt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'fund_pay_sumamt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'psn_part_amt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'acct_pay', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'psn_cash_pay', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
        ],
      },
      {
        node: 'selinfo',
        shape: 'array',
        nodeFrom: 'practice',
        fields: [
          { field: 'rx_detl_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'manu_lotnum', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'drug_trac_codg', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'sel_retn_cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'finl_trns_pric', type: 'N', length: 16, scale: 6, coded: false, required: 'Y' },
          { field: 'sumamt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '7208': {
    infno: '7208',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'hi_rxno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'rx_trace_code', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'sel_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'revs_rea', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '7209': {
    infno: '7209',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'hi_rxno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'rx_trace_code', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'delv_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'delv_entp_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'delver_name', type: 'C', length: 20, scale: null, coded: false, required: 'Y' },
          { field: 'delver_tel', type: 'C', length: 20, scale: null, coded: false, required: 'Y' },
          { field: 'delv_addr', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'delv_stas_codg', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'delv_stas_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '7210': {
    infno: '7210',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'hi_rxno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'rx_trace_code', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'delv_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'sign_psn_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'sign_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '7211': {
    infno: '7211',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'drug_genname', type: 'C', length: 100, scale: null, coded: false, required: 'N' },
          { field: 'page_num', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
          { field: 'page_size', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '100001': {
    infno: '100001',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'insutype', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
          { field: 'med_type', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
          { field: 'poli_item_code', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '2201A': {
    infno: '2201A',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'insutype', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'begntime', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_cert_type', type: 'C', length: 2, scale: null, coded: true, required: 'Y' },
          { field: 'mdtrt_cert_no', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'ipt_otp_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'atddr_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'dr_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'dept_code', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'dept_name', type: 'C', length: 100, scale: null, coded: false, required: 'Y' },
          { field: 'caty', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'med_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '3501A': {
    infno: '3501A',
    section: 'sandbox',
    input: [
      {
        node: 'invinfoDetail',
        shape: 'array',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'invdate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'inv_cnt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'manu_lotnum', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'manu_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'expy_end', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3502A': {
    infno: '3502A',
    section: 'sandbox',
    input: [
      {
        node: 'invinfoDetail',
        shape: 'array',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'inv_chg_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'pric', type: 'N', length: 16, scale: 6, coded: false, required: 'Y' },
          { field: 'cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'inv_chg_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'inv_chg_opter_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'trdn_flag', type: 'C', length: 1, scale: null, coded: true, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3503A': {
    infno: '3503A',
    section: 'sandbox',
    input: [
      {
        node: 'purcinfoDetail',
        shape: 'array',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'dynt_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'spler_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'spler_pmtno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'manu_lotnum', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'prodentp_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'aprvno', type: 'C', length: 100, scale: null, coded: false, required: 'Y' },
          { field: 'manu_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'expy_end', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'finl_trns_pric', type: 'N', length: 16, scale: 6, coded: false, required: 'N' },
          { field: 'purc_retn_cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'purc_invo_codg', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'purc_invo_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'purc_retn_stoin_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'purc_retn_opter_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'prod_geay_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3504A': {
    infno: '3504A',
    section: 'sandbox',
    input: [
      {
        node: 'purcinfoDetail',
        shape: 'array',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'spler_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'spler_pmtno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'manu_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'expy_end', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'finl_trns_pric', type: 'N', length: 16, scale: 6, coded: false, required: 'N' },
          { field: 'purc_retn_cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'purc_invo_codg', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'purc_invo_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'purc_retn_stoin_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'purc_retn_opter_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'medins_prod_purc_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3505A': {
    infno: '3505A',
    section: 'sandbox',
    input: [
      {
        node: 'selinfoDetail',
        shape: 'array',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'psn_cert_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'certno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'psn_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'mdtrt_sn', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'prsc_dr_cert_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'prsc_dr_certno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'prsc_dr_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'phar_cert_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'phar_certno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'phar_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'phar_prac_cert_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'hi_feesetl_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'manu_lotnum', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'manu_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'expy_end', type: 'D', length: null, scale: null, coded: false, required: 'N' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'trdn_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'finl_trns_pric', type: 'N', length: 16, scale: 6, coded: false, required: 'N' },
          { field: 'rxno', type: 'C', length: 40, scale: null, coded: false, required: 'N' },
          { field: 'rx_circ_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'rtal_docno', type: 'C', length: 40, scale: null, coded: false, required: 'Y' },
          { field: 'stoout_no', type: 'C', length: 40, scale: null, coded: false, required: 'N' },
          { field: 'bchno', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'drug_trac_codg', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'drug_prod_barc', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'shelf_posi', type: 'C', length: 20, scale: null, coded: false, required: 'N' },
          { field: 'sel_retn_cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'sel_retn_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'sel_retn_opter_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3506A': {
    infno: '3506A',
    section: 'sandbox',
    input: [
      {
        node: 'selinfoDetail',
        shape: 'array',
        nodeFrom: 'practice',
        fields: [
          { field: 'med_list_codg', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'psn_cert_type', type: 'C', length: 6, scale: null, coded: true, required: 'N' },
          { field: 'certno', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'psn_name', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'mdtrt_sn', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'manu_lotnum', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'manu_date', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'expy_end', type: 'D', length: null, scale: null, coded: false, required: 'N' },
          { field: 'rx_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'trdn_flag', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
          { field: 'finl_trns_pric', type: 'N', length: 16, scale: 6, coded: false, required: 'N' },
          { field: 'sel_retn_cnt', type: 'N', length: 16, scale: 4, coded: false, required: 'Y' },
          { field: 'sel_retn_time', type: 'DT', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'sel_retn_opter_name', type: 'C', length: 50, scale: null, coded: false, required: 'Y' },
          { field: 'memo', type: 'C', length: 500, scale: null, coded: false, required: 'N' },
          { field: 'medins_prod_sel_no', type: 'C', length: 50, scale: null, coded: false, required: 'N' },
          { field: 'drugtracinfo', type: null, length: null, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '3507A': {
    infno: '3507A',
    section: 'sandbox',
    input: [
      {
        node: 'goodDetail',
        shape: 'array',
        nodeFrom: 'practice',
        fields: [
          { field: 'fixmedins_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'inv_data_type', type: 'C', length: 1, scale: null, coded: true, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  // Hubei clearing family and time-range settlement queries (seed 002 l.456–470, l.1300–1370; see
  // sandbox/spec/clearing-codes.ts for what the seed says each one is). The seed names them only: the
  // field lists are the sandbox's own reading, modelled on 3201's group and amounts.
  // 湖北 clearing family (seed 002 names them without field lists): the application carries 3201's group and
  // totals, the 明细 forms add the settlements, the rest name the application event; 5262 / 5267 a time span.
  '3203': hubeiClearing('3203', CLEARING_GROUP_NODES),
  '3202a': hubeiClearing('3202a', CLEARING_GROUP_NODES),
  '1608': hubeiClearing('1608', CLEARING_GROUP_NODES),
  '3203a': hubeiClearing('3203a', [...CLEARING_GROUP_NODES, CLEARING_SETTLEMENTS_NODE]),
  '3204': hubeiClearing('3204', CLEARING_EVENT_NODES),
  '3204a': hubeiClearing('3204a', CLEARING_EVENT_NODES),
  '3204b': hubeiClearing('3204b', CLEARING_EVENT_NODES),
  '1618': hubeiClearing('1618', CLEARING_EVENT_NODES),
  '3205a': hubeiClearing('3205a', CLEARING_EVENT_NODES),
  '5262': hubeiClearing('5262', SETTLEMENT_SPAN_NODES),
  '5267': hubeiClearing('5267', SETTLEMENT_SPAN_NODES),
  // 四川's S / Z codes (seed 003 names them without field lists): the center's own inference, sichuan-fields.ts.
  ...SICHUAN_OWN_TRANSACTIONS,
} as const satisfies Readonly<Record<string, SpecTransaction>>;

/**
 * For codes protocol.md describes: fields it names in prose only ("National baseline and some
 * regions also carry psn_setlway and …", §2.11), and types it leaves out (the ids of 2103 / 2208,
 * 3202's amounts as in 3201). A field here that the document also lists keeps the document's
 * required flag; only its type, length and scale come from here (2601's oinfno is widened this way).
 */
export const SANDBOX_SPEC_ADDITIONS = {
  '2601': {
    infno: '2601',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        // §2.13 gives oinfno C 4, but the A variants it reverses (2102A, 2207A, 2304A) have 5 characters;
        // the envelope's infno is read as 6 for the same reason (§1.1).
        fields: [{ field: 'oinfno', type: 'C', length: 6, scale: null, coded: false, required: 'Y' }],
      },
    ],
    output: [],
  },
  '1312': {
    infno: '1312',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'query_date', type: 'C', length: 10, scale: null, coded: false, required: 'N' },
          { field: 'hilist_code', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'insu_admdvs', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
          { field: 'begndate', type: 'C', length: 19, scale: null, coded: false, required: 'N' },
          { field: 'hilist_name', type: 'C', length: 200, scale: null, coded: false, required: 'N' },
          { field: 'wubi', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'pinyin', type: 'C', length: 30, scale: null, coded: false, required: 'N' },
          { field: 'med_chrgitm_type', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
          { field: 'chrgitm_lv', type: 'C', length: 3, scale: null, coded: false, required: 'N' },
          { field: 'lmt_used_flag', type: 'C', length: 3, scale: null, coded: false, required: 'N' },
          { field: 'list_type', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
          { field: 'med_use_flag', type: 'C', length: 3, scale: null, coded: false, required: 'N' },
          { field: 'matn_used_flag', type: 'C', length: 3, scale: null, coded: false, required: 'N' },
          { field: 'hilist_use_type', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
          { field: 'lmt_cpnd_type', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
          { field: 'vali_flag', type: 'C', length: 3, scale: null, coded: false, required: 'N' },
          { field: 'updt_time', type: 'C', length: 19, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '2101': {
    infno: '2101',
    section: 'sandbox',
    input: [
      {
        node: 'druginfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'psn_setlway', type: 'C', length: 2, scale: null, coded: true, required: 'N' },
          { field: 'fulamt_ownpay_amt', type: 'N', length: 16, scale: 2, coded: false, required: 'N' },
          { field: 'overlmt_selfpay', type: 'N', length: 16, scale: 2, coded: false, required: 'N' },
          { field: 'preselfpay_amt', type: 'N', length: 16, scale: 2, coded: false, required: 'N' },
          { field: 'inscp_scp_amt', type: 'N', length: 16, scale: 2, coded: false, required: 'N' },
        ],
      },
      {
        node: 'drugdetail',
        shape: 'array',
        nodeFrom: 'practice',
        fields: [
          { field: 'sin_dos_dscr', type: 'C', length: 200, scale: null, coded: false, required: 'N' },
          { field: 'used_frqu_dscr', type: 'C', length: 200, scale: null, coded: false, required: 'N' },
          { field: 'prd_days', type: 'N', length: 16, scale: 6, coded: false, required: 'N' },
          { field: 'medc_way_dscr', type: 'C', length: 200, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '2102': {
    infno: '2102',
    section: 'sandbox',
    input: [
      {
        node: 'druginfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'psn_setlway', type: 'C', length: 2, scale: null, coded: true, required: 'N' },
          { field: 'fulamt_ownpay_amt', type: 'N', length: 16, scale: 2, coded: false, required: 'N' },
          { field: 'overlmt_selfpay', type: 'N', length: 16, scale: 2, coded: false, required: 'N' },
          { field: 'preselfpay_amt', type: 'N', length: 16, scale: 2, coded: false, required: 'N' },
          { field: 'inscp_scp_amt', type: 'N', length: 16, scale: 2, coded: false, required: 'N' },
        ],
      },
      {
        node: 'drugdetail',
        shape: 'array',
        nodeFrom: 'practice',
        fields: [
          { field: 'sin_dos_dscr', type: 'C', length: 200, scale: null, coded: false, required: 'N' },
          { field: 'used_frqu_dscr', type: 'C', length: 200, scale: null, coded: false, required: 'N' },
          { field: 'prd_days', type: 'N', length: 16, scale: 6, coded: false, required: 'N' },
          { field: 'medc_way_dscr', type: 'C', length: 200, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '2103': {
    infno: '2103',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '2202': {
    infno: '2202',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'ipt_otp_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '2203': {
    infno: '2203',
    section: 'sandbox',
    input: [
      {
        node: 'mdtrtinfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '2205': {
    infno: '2205',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'chrg_bchno', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '2208': {
    infno: '2208',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '3202': {
    infno: '3202',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'setl_optins', type: 'C', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'file_qury_no', type: 'C', length: 40, scale: null, coded: false, required: 'Y' },
          { field: 'stmt_begndate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'stmt_enddate', type: 'D', length: null, scale: null, coded: false, required: 'Y' },
          { field: 'medfee_sumamt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'fund_pay_sumamt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'cash_payamt', type: 'N', length: 16, scale: 2, coded: false, required: 'Y' },
          { field: 'fixmedins_setl_cnt', type: 'N', length: 16, scale: 0, coded: false, required: 'Y' },
          { field: 'clr_type', type: 'C', length: 6, scale: null, coded: true, required: 'Y' },
          { field: 'refd_setl_flag', type: 'C', length: 6, scale: null, coded: false, required: 'N' },
        ],
      },
    ],
    output: [],
  },
  '5203': {
    infno: '5203',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '5204': {
    infno: '5204',
    section: 'sandbox',
    input: [
      {
        node: 'data',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'setl_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '9101': {
    infno: '9101',
    section: 'sandbox',
    input: [
      {
        node: 'fsUploadIn',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [{ field: 'in', type: null, length: null, scale: null, coded: false, required: 'N' }],
      },
    ],
    output: [],
  },
  '9102': {
    infno: '9102',
    section: 'sandbox',
    input: [
      {
        node: 'fsDownloadIn',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'file_qury_no', type: 'C', length: 40, scale: null, coded: false, required: 'Y' },
          { field: 'filename', type: 'C', length: 200, scale: null, coded: false, required: 'Y' },
          { field: 'fixmedins_code', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
  '2203A': {
    infno: '2203A',
    section: 'sandbox',
    input: [
      {
        node: 'mdtrtinfo',
        shape: 'object',
        nodeFrom: 'practice',
        fields: [
          { field: 'mdtrt_id', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
          { field: 'psn_no', type: 'C', length: 30, scale: null, coded: false, required: 'Y' },
        ],
      },
    ],
    output: [],
  },
} as const satisfies Readonly<Record<string, SpecTransaction>>;

/** Regional variants read like the code they vary (same nodes and fields). */
export const SANDBOX_ALIASES = {
  '2101A': '2101',
  '2102A': '2102',
  '1312a': '1312',
  '1306A': '1301',
  '1320': '1301',
  '1322': '1301',
  '1323': '1301',
  '1324': '1301',
  '1325': '1301',
  '1326': '1301',
  '1327': '1301',
  ...SICHUAN_ALIASES,
} as const;

/**
 * Catalogue codes a region reads as a direct query instead of a file download: seed 003 l.212 (四川)
 * "1304 民族药品目录查询 该交易调用后直接获取目录信息". A request without `ver` and with `updt_time` is
 * read by the rules of the query it mirrors (1312), restricted to the catalogue's list_type; with
 * `ver` it stays the national file download.
 */
export const SANDBOX_DIRECT_QUERIES: Readonly<Record<string, { readonly readAs: '1312'; readonly listType: string }>> = {
  '1304': { readAs: '1312', listType: '104' },
};

/** The direct-query reading of this request, if it is one (see SANDBOX_DIRECT_QUERIES). */
export function directQueryOf(infno: string, input: unknown): { readonly readAs: '1312'; readonly listType: string } | undefined {
  const reading = SANDBOX_DIRECT_QUERIES[infno];
  if (!reading || typeof input !== 'object' || input === null) return undefined;
  const data = (input as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  return 'updt_time' in data && !('ver' in data) ? reading : undefined;
}

/**
 * Query nodes whose handler itself names a filter it does not hold ("沙箱中心不支持按 rx_flag 查询",
 * "只能查询本机构"): unknown fields pass the field check and reach that more precise answer.
 */
export const SANDBOX_OPEN_NODES: Readonly<Record<string, readonly string[]>> = {
  '1316': ['data'],
  '1317': ['data'],
  '1318': ['data'],
  '1319': ['data'],
  '3508': ['data'],
  '3509': ['data'],
  '3510': ['data'],
  '3511': ['data'],
};
