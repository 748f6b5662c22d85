// The chair console (issue 13, slice 1) in Chromium: the chair runs a meeting of its own from the browser — opens
// it (with confirmation), moves through the agenda, presents a page, runs the list of speakers with a reorder by
// button and by drag and drop and a timed floor, records a proxy, runs an election and a secret yes/no poll with
// the proxy and a paper ballot, cancels a poll, and closes the meeting — while delegates follow on their tablets.
import { expect, test, type Page } from '@playwright/test';
import { viConsoles as w } from '../src/i18n/consoles.vi';
import { vi } from './helpers';
import { consoleMeeting, go, signInTo, type ConsoleMeeting } from './consoles';

let m: ConsoleMeeting;

test.beforeAll(async ({ }, info) => {
  m = await consoleMeeting(info.project.use.baseURL!, `Kỳ họp thứ 9 — bàn điều hành ${Date.now()}`);
});

async function checkIn(page: Page) {
  await go(page, m.id, '');
  await page.getByTestId('check-in').click();
  await expect(page.getByTestId('checked-in')).toBeVisible();
}

const queueNames = (page: Page) => page.getByTestId('chair-queue').locator('li .who').allTextContents();

test('the chair runs a whole meeting from the chair console', async ({ browser }) => {
  test.setTimeout(300_000);
  const [u1, u2, u3, u4] = m.delegates;
  const chair = await signInTo(browser, m.chair, m.id);
  const c = chair.page;
  await go(c, m.id, '/chair');
  const status = c.getByTestId('chair-status');

  // opening asks first; "back" changes nothing
  await expect(status).toHaveAttribute('data-status', 'SCHEDULED');
  await status.getByRole('button', { name: w['chair.open'] }).click();
  await expect(status.getByText(w['chair.confirmOpen'])).toBeVisible();
  await status.getByRole('button', { name: w['chair.cancel'] }).click();
  await expect(status).toHaveAttribute('data-status', 'SCHEDULED');
  await status.getByRole('button', { name: w['chair.open'] }).click();
  await status.getByRole('button', { name: w['chair.confirm'] }).click();
  await expect(status).toHaveAttribute('data-status', 'OPEN');

  // delegates arrive (d4 stays away and gives a proxy to d1)
  const d1 = await signInTo(browser, u1, m.id);
  const d2 = await signInTo(browser, u2, m.id);
  const d3 = await signInTo(browser, u3, m.id);
  for (const d of [d1, d2, d3]) await checkIn(d.page);
  await expect(status).toContainText('3/5');
  await expect(d1.page.locator(`nav a[href="#/m/${m.id}/chair"]`)).toHaveCount(0); // a delegate has no console tab

  // the agenda: next item, then any item in one tap; tablets show it
  await c.getByRole('button', { name: w['chair.nextItem'] }).click();
  await expect(c.locator(`[data-item="${m.items[0].id}"]`)).toHaveAttribute('aria-current', 'true');
  await c.locator(`[data-item="${m.items[1].id}"]`).getByRole('button', { name: w['chair.makeCurrent'] }).click();
  await expect(c.locator(`[data-item="${m.items[1].id}"]`)).toHaveAttribute('aria-current', 'true');
  await expect(d2.page.locator('.current')).toContainText(m.items[1].title);

  // present page 4 of the document without opening it: the following tablet moves there
  const present = c.getByTestId('chair-present');
  await present.getByLabel(w['chair.presentDoc']).selectOption(m.documentId);
  await present.getByLabel(w['chair.presentPage']).fill('4');
  await present.getByRole('button', { name: w['chair.presentGo'] }).click();
  await expect(present).toContainText('Tờ trình dự toán 2027');
  await expect(d2.page.locator('.viewer')).toHaveAttribute('data-page', '4', { timeout: 30_000 });

  // the list of speakers: two requests, one added by the chair, reordered by button and by drag and drop
  await go(d1.page, m.id, '/speak');
  await d1.page.getByRole('button', { name: new RegExp(vi['speak.request']) }).click();
  await go(d3.page, m.id, '/speak');
  await d3.page.getByRole('button', { name: new RegExp(vi['speak.request']) }).click();
  const speakers = c.getByTestId('chair-speakers');
  await speakers.getByLabel(w['chair.addWho']).selectOption({ label: m.names[u2] });
  await speakers.getByRole('button', { name: w['chair.add'], exact: true }).click();
  await expect.poll(() => queueNames(c)).toEqual([m.names[u1], m.names[u3], m.names[u2]]);
  await speakers.getByRole('button', { name: `${w['chair.down']}: ${m.names[u1]}` }).click();
  await expect.poll(() => queueNames(c)).toEqual([m.names[u3], m.names[u1], m.names[u2]]);
  const queue = c.getByTestId('chair-queue');
  await queue.locator('li', { hasText: m.names[u2] }).dragTo(queue.locator('li', { hasText: m.names[u3] }));
  await expect.poll(() => queueNames(c)).toEqual([m.names[u2], m.names[u3], m.names[u1]]);
  await expect(d1.page.getByText(vi['speak.position'].replace('{n}', '3'))).toBeVisible();

  // the floor with a 1-minute limit: the clock runs on the console and on the speaker's tablet
  await speakers.getByLabel(w['chair.limit']).fill('1');
  await queue.locator('li', { hasText: m.names[u3] }).getByRole('button', { name: w['chair.grant'] }).click();
  await expect(speakers.getByTestId('chair-speaking')).toContainText(m.names[u3]);
  await expect(speakers.getByRole('timer')).toContainText(/còn 0:5\d/);
  await expect(d3.page.getByText(vi['speak.youSpeak'])).toBeVisible();
  await speakers.getByRole('button', { name: w['chair.end'] }).click();
  await expect(speakers).toContainText(w['chair.nobody']);
  await queue.getByRole('button', { name: `${w['chair.remove']}: ${m.names[u1]}` }).click();
  await expect.poll(() => queueNames(c)).toEqual([m.names[u2]]);

  // a proxy: d4 (absent) to d1
  const proxies = c.getByTestId('chair-proxies');
  await proxies.getByLabel(w['chair.proxyGiver']).selectOption({ label: m.names[u4] });
  await proxies.getByLabel(w['chair.proxyHolder']).selectOption({ label: m.names[u1] });
  await proxies.getByRole('button', { name: w['chair.proxySet'] }).click();
  await expect(proxies).toContainText(w['chair.proxyLine'].replace('{giver}', m.names[u4]).replace('{holder}', m.names[u1]));

  // an election from its template: three candidates, one seat, secret
  const polls = c.getByTestId('chair-polls');
  const creator = c.getByTestId('poll-creator');
  await creator.getByLabel(w['chair.template']).selectOption('election');
  await creator.getByLabel(w['chair.pollTitle']).fill('Bầu Phó Chủ tịch HĐND tỉnh');
  await creator.getByLabel(w['chair.pollOptions']).fill('Nguyễn Thị Hồng\nTrần Quốc Huy\nPhan Văn Khải');
  await creator.getByLabel(w['chair.pollRule']).selectOption('RELATIVE');
  await creator.getByRole('button', { name: w['chair.pollCreate'] }).click();
  const election = polls.locator('[data-poll]', { hasText: 'Bầu Phó Chủ tịch HĐND tỉnh' });
  await expect(election).toHaveAttribute('data-status', 'DRAFT');
  await election.getByRole('button', { name: w['chair.pollOpen'] }).click();
  await expect(election).toHaveAttribute('data-status', 'OPEN');
  await expect(election).toContainText(w['chair.quorumLive'].split(':')[0]);
  for (const [d, who] of [[d2, 'Trần Quốc Huy'], [d3, 'Nguyễn Thị Hồng']] as const) await vote(d.page, 'Bầu Phó Chủ tịch HĐND tỉnh', who);
  await expect(election.getByTestId('chair-progress')).toContainText('2/');
  // the paper ballot of d1, entered by the chair
  await paper(c, 'Bầu Phó Chủ tịch HĐND tỉnh', m.names[u1], 'Trần Quốc Huy');
  await expect(election.getByTestId('chair-progress')).toContainText('3/');
  await election.getByRole('button', { name: w['chair.pollClose'] }).click();
  const electionDone = polls.locator('[data-status="CLOSED"]', { hasText: 'Bầu Phó Chủ tịch HĐND tỉnh' });
  await expect(electionDone.locator('.verdict')).toHaveText(vi['verdict.ELECTED']);
  await expect(electionDone).toContainText(vi['vote.electedList'].replace('{names}', 'Trần Quốc Huy'));

  // a secret yes/no poll (majority of all members): d1 votes in person and for d4 by proxy, d2 on paper
  await creator.getByLabel(w['chair.template']).selectOption('members');
  await creator.getByLabel(w['chair.pollTitle']).fill('Thông qua Nghị quyết dự toán 2027');
  await creator.getByLabel(w['chair.pollSecrecy']).selectOption('SECRET');
  await creator.getByRole('button', { name: w['chair.pollCreate'] }).click();
  const budget = polls.locator('[data-poll]', { hasText: 'Thông qua Nghị quyết dự toán 2027' });
  await budget.getByRole('button', { name: w['chair.pollOpen'] }).click();
  await expect(budget).toHaveAttribute('data-status', 'OPEN');
  await go(d1.page, m.id, '/vote');
  const d1poll = d1.page.locator('section.poll', { hasText: 'Thông qua Nghị quyết dự toán 2027' });
  await expect(d1poll.locator('.ballot')).toHaveCount(2); // their own and d4's
  await vote(d1.page, 'Thông qua Nghị quyết dự toán 2027', vi['option.YES']);
  await vote(d1.page, 'Thông qua Nghị quyết dự toán 2027', vi['option.YES']);
  await paper(c, 'Thông qua Nghị quyết dự toán 2027', m.names[u2], vi['option.NO']);
  await vote(d3.page, 'Thông qua Nghị quyết dự toán 2027', vi['option.YES']);
  await expect(budget.getByTestId('chair-progress')).toContainText('4/');
  await budget.getByRole('button', { name: w['chair.pollClose'] }).click();
  const budgetDone = polls.locator('[data-status="CLOSED"]', { hasText: 'Thông qua Nghị quyết dự toán 2027' });
  await expect(budgetDone.locator('.verdict')).toHaveText(vi['verdict.ADOPTED']); // 3 yes of 5 members
  await expect(budgetDone).toContainText(vi['rule.ABSOLUTE_OF_MEMBERS']);

  // a poll cancelled after a confirmation
  await creator.getByLabel(w['chair.template']).selectOption('resolution');
  await creator.getByLabel(w['chair.pollTitle']).fill('Điều chỉnh chương trình kỳ họp');
  await creator.getByRole('button', { name: w['chair.pollCreate'] }).click();
  const extra = polls.locator('[data-poll]', { hasText: 'Điều chỉnh chương trình kỳ họp' });
  await extra.getByRole('button', { name: w['chair.pollCancel'] }).click();
  await expect(extra.getByText(w['chair.confirmCancel'])).toBeVisible();
  await extra.getByRole('button', { name: w['chair.confirm'] }).click();
  await expect(extra).toHaveAttribute('data-status', 'CANCELLED');

  // a bad spec is answered in words: a multiple-choice poll with one option never reaches the server
  await creator.getByLabel(w['chair.template']).selectOption('multiple');
  await creator.getByLabel(w['chair.pollTitle']).fill('Chọn địa điểm');
  await creator.getByLabel(w['chair.pollOptions']).fill('Hội trường A');
  await creator.getByRole('button', { name: w['chair.pollCreate'] }).click();
  await expect(creator.getByRole('alert')).toHaveText(w['chair.optionsNeeded'].replace('{n}', '2'));

  // closing asks first; then the tablets see the meeting closed
  await status.getByRole('button', { name: w['chair.close'] }).click();
  await expect(status.getByText(w['chair.confirmClose'])).toBeVisible();
  await status.getByRole('button', { name: w['chair.confirm'] }).click();
  await expect(status).toHaveAttribute('data-status', 'CLOSED');
  await go(d2.page, m.id, '');
  await expect(d2.page.locator('.summary .badge').first()).toHaveText(vi['status.CLOSED']);
  await expect(c.locator('body')).not.toContainText(/\bDRAFT\b|\bSECRET\b|\bELECTION\b|\bRELATIVE\b|\bOPEN\b/);
  for (const t of [chair, d1, d2, d3]) await t.context.close();
});

test('a delegate who opens the console address is told it is not for them', async ({ browser }) => {
  const d = await signInTo(browser, m.delegates[3], m.id);
  await d.page.goto(`/#/m/${m.id}/chair`);
  await expect(d.page.getByRole('alert')).toHaveText(w['chair.notAllowed']);
  await expect(d.page.getByTestId('chair-console')).toHaveCount(0);
  await d.context.close();
});

/** A delegate casts the first ballot still to cast in that poll (their own, then a proxy's). */
async function vote(page: Page, title: string, option: string) {
  if (!page.url().endsWith('/vote')) await go(page, m.id, '/vote');
  const poll = page.locator('section.poll', { hasText: title });
  const receipts = await poll.getByTestId('receipt').count();
  const ballot = poll.locator('.ballot:not(:has([data-testid=receipt]))').first();
  await ballot.getByRole('button', { name: option, exact: true }).click();
  await ballot.getByRole('button', { name: vi['vote.continue'] }).click();
  await ballot.getByRole('button', { name: vi['vote.confirm'] }).click();
  await expect(poll.getByTestId('receipt')).toHaveCount(receipts + 1);
}

async function paper(c: Page, title: string, voter: string, option: string) {
  const poll = c.getByTestId('chair-polls').locator('[data-status="OPEN"]', { hasText: title });
  await poll.getByText(w['chair.paper']).click();
  await poll.getByLabel(w['chair.paperWho']).selectOption({ label: voter });
  await poll.getByLabel(option, { exact: true }).check();
  await poll.getByRole('button', { name: w['chair.paperEnter'] }).click();
  await expect(poll.getByRole('status').filter({ hasText: voter })).toBeVisible();
}
