// Issue 12's annotation scenarios (docs/protocol.md §14) in Chromium against the packaged server: two delegates on
// their own tablets. A shared stroke drawn with a simulated pen (CDP pen events with pressure) streams to the other
// delegate while drawn (AN14) and stays when finished (AN4); a private note never reaches the other (AN5); a delegate
// offline annotates, sees what waits, comes back and the note syncs (the outbox in IndexedDB, AN4 idempotence).
import { expect, test, type Page } from '@playwright/test';
import { openDocument, signIn, vi } from './helpers';

const doc200 = () => process.env.PLENUM_E2E_DOC200!;

async function pageBox(page: Page, n: number) {
  const svg = page.locator(`.page[data-page-number="${n}"] svg.plenum-ink`);
  await expect(svg).toBeAttached();
  await svg.scrollIntoViewIfNeeded();
  return (await svg.boundingBox())!;
}

async function choose(page: Page, tool: string, visibility: 'PRIVATE' | 'SHARED') {
  await page.locator(`button[data-tool="${tool}"]`).click();
  await page.getByTestId('visibility').selectOption(visibility);
}

/** A pen stroke through CDP (pointerType pen, pressure rising then falling), in steps ~16 ms apart. */
async function penStroke(page: Page, points: [number, number][], midway?: () => Promise<void>) {
  const cdp = await page.context().newCDPSession(page);
  const send = (type: string, [x, y]: [number, number], force: number) => cdp.send('Input.dispatchMouseEvent', {
    type, x, y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1, pointerType: 'pen', force,
  });
  await send('mousePressed', points[0], 0.2);
  for (let i = 1; i < points.length; i++) {
    await send('mouseMoved', points[i], 0.2 + 0.7 * Math.sin((Math.PI * i) / points.length));
    await page.waitForTimeout(16);
    if (i === Math.floor(points.length / 2) && midway) await midway();
  }
  await send('mouseReleased', points[points.length - 1], 0);
  await cdp.detach();
}

test('a delegate draws a shared stroke with a pen; the other delegate sees it while drawn and after', async ({ browser }) => {
  const d1 = await signIn(browser, 'delegate1');
  const d2 = await signIn(browser, 'delegate2');
  await openDocument(d1.page, doc200(), 1);
  await openDocument(d2.page, doc200(), 1);
  await choose(d1.page, 'pen', 'SHARED');
  const box = await pageBox(d1.page, 1);
  const points: [number, number][] = Array.from({ length: 40 }, (_, i) => [box.x + 80 + i * 6, box.y + 200 + 30 * Math.sin(i / 5)]);
  // half way through the stroke, the other tablet already shows it in progress (annotation.stroking)
  await penStroke(d1.page, points, async () => {
    await expect(d2.page.locator('.page[data-page-number="1"] g.live')).toHaveCount(1, { timeout: 5000 });
  });
  const mine = d1.page.locator('.page[data-page-number="1"] g[data-kind="INK"][data-mine="true"]').last();
  await expect(mine).toHaveAttribute('data-visibility', 'SHARED');
  const id = await mine.getAttribute('data-annotation-id');
  await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0); // acknowledged after commit
  const theirs = d2.page.locator(`.page[data-page-number="1"] g[data-annotation-id="${id}"]`);
  await expect(theirs).toHaveAttribute('data-kind', 'INK');
  await expect(theirs).toHaveAttribute('data-mine', 'false');
  await expect(d2.page.locator('.page[data-page-number="1"] g.live')).toHaveCount(0);
  const inks = d2.page.locator('.page[data-page-number="1"] g[data-kind="INK"]');
  const shown = await inks.count();
  // a finger on delegate 1's tablet no longer draws once the pen is in use (palm rejection)
  const count = await d1.page.locator('.page[data-page-number="1"] g[data-kind="INK"]').count();
  const cdp = await d1.page.context().newCDPSession(d1.page);
  const touch = (type: string, x: number, y: number) => cdp.send('Input.dispatchTouchEvent', { type,
    touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
  await touch('touchStart', box.x + 100, box.y + 400);
  for (let i = 1; i < 10; i++) await touch('touchMove', box.x + 100 + i * 10, box.y + 400);
  await touch('touchEnd', 0, 0);
  await d1.page.waitForTimeout(500);
  await expect(d1.page.locator('.page[data-page-number="1"] g[data-kind="INK"]')).toHaveCount(count);
  // undo erases it for everyone; redo draws it again (as a new annotation: an erase is final, AN2)
  await d1.page.getByRole('button', { name: vi['ann.undo'] }).click();
  await expect(theirs).toHaveCount(0);
  await expect(inks).toHaveCount(shown - 1);
  await d1.page.getByRole('button', { name: vi['ann.redo'] }).click();
  await expect(inks).toHaveCount(shown);
  await expect(inks.last()).not.toHaveAttribute('data-annotation-id', id!);
  for (const t of [d1, d2]) await t.context.close();
});

test('a private note stays invisible to the other delegate; a shared one reaches them', async ({ browser }) => {
  const d1 = await signIn(browser, 'delegate1');
  await openDocument(d1.page, doc200(), 2);
  const box = await pageBox(d1.page, 2);
  const secret = `Ghi chú riêng ${Date.now()}`;
  await choose(d1.page, 'note', 'PRIVATE');
  await d1.page.mouse.click(box.x + 300, box.y + 150);
  await d1.page.getByTestId('note-dialog').locator('textarea').fill(secret);
  await d1.page.getByTestId('note-save').click();
  const note = d1.page.locator('.page[data-page-number="2"] g[data-kind="NOTE"][data-visibility="PRIVATE"]').last();
  await expect(note).toBeAttached();
  const privateId = await note.getAttribute('data-annotation-id');
  await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0);
  const shared = `Ý kiến chung ${Date.now()}`;
  await choose(d1.page, 'note', 'SHARED');
  await d1.page.mouse.click(box.x + 300, box.y + 260);
  await d1.page.getByTestId('note-dialog').locator('textarea').fill(shared);
  await d1.page.getByTestId('note-save').click();
  const sharedNote = d1.page.locator('.page[data-page-number="2"] g[data-kind="NOTE"][data-visibility="SHARED"]').last();
  await expect(sharedNote).toBeAttached();
  const sharedId = await sharedNote.getAttribute('data-annotation-id');
  await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0);

  // delegate 2 opens the page afterwards (annotation.sync) and sees the shared note only, and can read it
  const d2 = await signIn(browser, 'delegate2');
  await openDocument(d2.page, doc200(), 2);
  const theirs = d2.page.locator(`.page[data-page-number="2"] g[data-annotation-id="${sharedId}"]`);
  await expect(theirs).toBeAttached();
  await expect(d2.page.locator(`g[data-annotation-id="${privateId}"]`)).toHaveCount(0);
  expect(await d2.page.content()).not.toContain(secret);
  await theirs.locator('rect.target').click();
  await expect(d2.page.getByTestId('note-dialog')).toContainText(shared);
  await expect(d2.page.getByTestId('note-dialog').locator('textarea')).toHaveCount(0); // someone else's: read only
  await d2.page.getByTestId('note-dialog').getByRole('button', { name: vi['close'] }).click();
  // delegate 1's own tablet still shows both after a reload (from the server)
  await d1.page.reload();
  await expect(d1.page.locator(`g[data-annotation-id="${privateId}"]`)).toBeAttached({ timeout: 30_000 });
  await expect(d1.page.locator(`g[data-annotation-id="${sharedId}"]`)).toBeAttached();
  for (const t of [d1, d2]) await t.context.close();
});

test('a delegate goes offline, annotates, comes back, and the note syncs', async ({ browser }) => {
  const d1 = await signIn(browser, 'delegate1');
  const d2 = await signIn(browser, 'delegate2');
  await openDocument(d1.page, doc200(), 3);
  await openDocument(d2.page, doc200(), 3);
  const box = await pageBox(d1.page, 3);
  await d1.context.setOffline(true);
  await expect(d1.page.locator('[data-conn]')).toHaveAttribute('data-conn', 'offline');
  const text = `Viết khi mất mạng ${Date.now()}`;
  await choose(d1.page, 'note', 'SHARED');
  await d1.page.mouse.click(box.x + 200, box.y + 300);
  await d1.page.getByTestId('note-dialog').locator('textarea').fill(text);
  await d1.page.getByTestId('note-save').click();
  await choose(d1.page, 'rectangle', 'SHARED');
  await d1.page.mouse.move(box.x + 100, box.y + 420);
  await d1.page.mouse.down();
  await d1.page.mouse.move(box.x + 250, box.y + 480, { steps: 5 });
  await d1.page.mouse.up();
  // both shown on the tablet at once, and counted as waiting
  await expect(d1.page.getByTestId('annotations-waiting')).toHaveAttribute('data-waiting', '2');
  const note = d1.page.locator('.page[data-page-number="3"] g[data-kind="NOTE"]').last();
  const id = await note.getAttribute('data-annotation-id');
  await d1.page.waitForTimeout(1000);
  await expect(d2.page.locator(`g[data-annotation-id="${id}"]`)).toHaveCount(0);
  // what waits is in IndexedDB, not only in the page
  const kept = await d1.page.evaluate(() => new Promise<number>((ok) => {
    const r = indexedDB.open('plenum-annotations');
    r.onsuccess = () => { const c = r.result.transaction('outbox').objectStore('outbox').count(); c.onsuccess = () => ok(c.result); };
  }));
  expect(kept).toBe(2);
  await d1.context.setOffline(false);
  await expect(d1.page.locator('[data-conn]')).toHaveAttribute('data-conn', 'live', { timeout: 30_000 });
  await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0, { timeout: 20_000 });
  await expect(d2.page.locator(`.page[data-page-number="3"] g[data-annotation-id="${id}"]`)).toBeAttached();
  await expect(d2.page.locator('.page[data-page-number="3"] g[data-kind="RECTANGLE"]').last()).toBeAttached();
  for (const t of [d1, d2]) await t.context.close();
});
