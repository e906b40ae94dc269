/**
 * The chat page's first visit on a cheap phone (issue 20), in Debian's chromium driven by
 * playwright-core: network and CPU throttled through the DevTools protocol
 * (Network.emulateNetworkConditions, Emulation.setCPUThrottlingRate), a fresh browser context (empty
 * cache, no cookie), 390x844. Per profile, the median over `runs` visits of:
 * - `firstQuestionMs`: from navigation start until the first question is painted (its Element
 *   Timing render time; first contentful paint when the browser gives none);
 * - `fcpMs`, `loadMs`: first contentful paint, load event;
 * - `bytes`: bytes on the wire (headers included) until the network is idle, and `requests`.
 * Also the size of Microsoft Web Chat's minimal bundle (raw, gzip, brotli) and the time its gzipped
 * bytes alone take on each profile, for the "can Web Chat meet the budget" question.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { median, round } from './stats';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface NetworkProfile {
  name: string;
  /** Added to every request (ms), as DevTools and Lighthouse's devtools throttling do. */
  latencyMs: number;
  downKbps: number;
  upKbps: number;
  cpuSlowdown: number;
  /** The target for the first question (ms). */
  targetMs: number;
}

/** Lighthouse's mobile profile (slow 4G, 4x CPU) and DevTools' "Slow 3G" (400 kbps, 2 s), both with a 4x slower CPU. */
export const PROFILES: readonly NetworkProfile[] = [
  { name: 'mobile (Lighthouse: 150 ms, 1.6 Mbps down, 750 kbps up, CPU 4x)', latencyMs: 150, downKbps: 1638.4, upKbps: 750, cpuSlowdown: 4, targetMs: 2500 },
  { name: '3G (DevTools Slow 3G: 2,000 ms, 400 kbps down and up, CPU 4x)', latencyMs: 2000, downKbps: 400, upKbps: 400, cpuSlowdown: 4, targetMs: 8000 },
];

/** Bytes until the page is idle: the budget. */
export const BYTES_BUDGET = 150 * 1024;

export interface VisitFigures {
  firstQuestionMs: number;
  /** Where firstQuestionMs came from: the question's Element Timing entry, or first contentful paint. */
  from: 'element' | 'fcp';
  fcpMs: number;
  loadMs: number;
  bytes: number;
  requests: number;
}

export interface PageLine {
  kind: 'page';
  profile: string;
  runs: number;
  firstQuestionMs: number | null;
  fcpMs: number | null;
  loadMs: number | null;
  bytes: number | null;
  requests: number | null;
  targets: { firstQuestionMs: { value: number | null; target: string; met: boolean }; bytes: { value: number | null; target: string; met: boolean } };
  webChatMinimalGzipSeconds: number | null;
  all: VisitFigures[];
}

/** One first visit of `url` under `profile`. */
export async function visit(browser: Browser, url: string, profile: NetworkProfile): Promise<VisitFigures> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latencyMs,
      downloadThroughput: (profile.downKbps * 1024) / 8,
      uploadThroughput: (profile.upKbps * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      requests += 1;
    });
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    const timing = (await page.evaluate(`new Promise((resolve) => {
      // Element Timing entries reach only an observer (buffered: the paints before it too).
      const elements = [];
      new PerformanceObserver((list) => elements.push(...list.getEntries())).observe({ type: 'element', buffered: true });
      const read = () => {
        const nav = performance.getEntriesByType('navigation')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const el = elements.find((e) => e.identifier === 'question');
        resolve({ fcp: fcp ? fcp.startTime : null, question: el ? el.renderTime || el.loadTime : null, load: nav ? nav.loadEventEnd : null });
      };
      requestAnimationFrame(() => setTimeout(read, 50));
    })`)) as { fcp: number | null; question: number | null; load: number | null };
    return {
      firstQuestionMs: Math.round(timing.question ?? timing.fcp ?? Number.NaN),
      from: timing.question !== null ? 'element' : 'fcp',
      fcpMs: Math.round(timing.fcp ?? Number.NaN),
      loadMs: Math.round(timing.load ?? Number.NaN),
      bytes,
      requests,
    };
  } finally {
    await context.close();
  }
}

/** Microsoft Web Chat's minimal bundle: its size raw, gzipped and brotli-compressed, or null when not installed. */
export function webChatMinimal(root: string): { file: string; raw: number; gzip: number; br: number } | null {
  const file = path.join(root, 'node_modules/botframework-webchat/dist/webchat-minimal.js');
  if (!existsSync(file)) return null;
  const raw = readFileSync(file);
  return {
    file: path.relative(root, file),
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    br: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }).length,
  };
}

/** Every profile, `runs` first visits each; one line per profile. */
export async function measurePage(url: string, runs: number, root: string, log: (msg: string) => void): Promise<{ lines: PageLine[]; webChat: ReturnType<typeof webChatMinimal> }> {
  const webChat = webChatMinimal(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const lines: PageLine[] = [];
  try {
    for (const profile of PROFILES) {
      const all: VisitFigures[] = [];
      for (let i = 0; i < runs; i++) {
        log(`page: ${profile.name}, visit ${i + 1}/${runs}`);
        all.push(await visit(browser, url, profile));
      }
      const med = (k: Exclude<keyof VisitFigures, 'from'>) => {
        const v = all.map((f) => f[k]).filter((x) => Number.isFinite(x));
        return v.length ? round(median(v), 0) : null;
      };
      const firstQuestionMs = med('firstQuestionMs');
      const bytes = med('bytes');
      lines.push({
        kind: 'page',
        profile: profile.name,
        runs,
        firstQuestionMs,
        fcpMs: med('fcpMs'),
        loadMs: med('loadMs'),
        bytes,
        requests: med('requests'),
        targets: {
          firstQuestionMs: { value: firstQuestionMs, target: `<= ${profile.targetMs}`, met: firstQuestionMs !== null && firstQuestionMs <= profile.targetMs },
          bytes: { value: bytes, target: `<= ${BYTES_BUDGET}`, met: bytes !== null && bytes <= BYTES_BUDGET },
        },
        // The minimal bundle's gzipped bytes alone at this profile's download speed, without latency or CPU.
        webChatMinimalGzipSeconds: webChat ? round((webChat.gzip * 8) / (profile.downKbps * 1024), 1) : null,
        all,
      });
    }
  } finally {
    await browser.close();
  }
  return { lines, webChat };
}
