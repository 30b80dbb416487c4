/**
 * A mid-range Android phone on a mobile network, as Chromium's DevTools emulate one: the CPU
 * four times slower, 1.6 Mbit/s down, 750 kbit/s up and 150 ms added to every request. Set on a
 * page before it navigates; it holds for that page (its target) until the page closes.
 */
import type { newPage } from '../test/support/browser.ts';

type Page = Awaited<ReturnType<typeof newPage>>;

export const MID_RANGE_PHONE = {
  cpuSlowdown: 4,
  downloadKbps: 1600,
  uploadKbps: 750,
  latencyMs: 150,
} as const;

/** A short description for figures' names: "4× CPU, 1.6 Mbit/s down, 750 kbit/s up, 150 ms". */
export const midRangePhoneLabel = `${MID_RANGE_PHONE.cpuSlowdown}× slower CPU, ${MID_RANGE_PHONE.downloadKbps / 1000} Mbit/s down, ${MID_RANGE_PHONE.uploadKbps} kbit/s up, ${MID_RANGE_PHONE.latencyMs} ms latency`;

export async function emulateMidRangePhone(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: MID_RANGE_PHONE.latencyMs,
    // Bytes per second.
    downloadThroughput: (MID_RANGE_PHONE.downloadKbps * 1000) / 8,
    uploadThroughput: (MID_RANGE_PHONE.uploadKbps * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: MID_RANGE_PHONE.cpuSlowdown });
}
