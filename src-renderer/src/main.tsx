import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigProvider } from 'antd';
import { StyleProvider } from '@ant-design/cssinjs';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';
import { keptStyleCache } from './style-cache';
// antd's component styles as one static file, not built at run time (ConfigProvider's zeroRuntime below).
import 'antd/dist/antd.css';
import './app.css';

/*
 * No motion (antd's transitions and open / close animations take no time): at the till each call's answer
 * changed buttons, switches and tags that then ran transitions, each with events to dispatch, in the frame that
 * shows the amounts (issue 17). A cashier gains nothing from a fade.
 */
const THEME = { zeroRuntime: true, token: { motion: false } } as const;
/**
 * No click wave: antd draws one for every click on a button, an Enter that sends a form included, in a React root
 * of its own created for it, after reading the button's computed style: work in the step of every read and every
 * 挂号 sent, for an effect a cashier does not look at.
 */
const WAVE = { disabled: true } as const;

// Date pickers: Chinese month and week names, the week starting on Monday.
dayjs.locale('zh-cn');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <StyleProvider cache={keptStyleCache()}>
      <ConfigProvider locale={zhCN} theme={THEME} wave={WAVE}>
        <App />
      </ConfigProvider>
    </StyleProvider>
  </StrictMode>,
);
