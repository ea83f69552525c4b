// Headless check of the HLS page: Chromium (Debian's, through
// puppeteer-core) opens it, waits until the video reports playback past
// 0.5 s with a decoded size, then screenshots the page and prints the
// status line and the mean colour of the video area as JSON.
//   node web/check.js http://127.0.0.1:PORT/index.html screenshot.png
const puppeteer = require('puppeteer-core');

(async () => {
  const [url, shot] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: 'new',
    args: ['--no-sandbox', '--disable-gpu', '--mute-audio',
           '--autoplay-policy=no-user-gesture-required'],
  });
  let result = { played: false };
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 640, height: 400 });
    await page.goto(url);
    try {
      await page.waitForFunction(
          () => {
            const v = document.getElementById('video');
            return (v.currentTime > 0.5 && v.videoWidth > 0) ||
                   document.getElementById('status').textContent.startsWith('error');
          },
          { timeout: 30000 });
    } catch (e) { /* reported below from the status line */ }
    // The frame on screen, as pixels: draw the video into a canvas.
    result = await page.evaluate(() => {
      const v = document.getElementById('video');
      const c = document.createElement('canvas');
      c.width = v.videoWidth || 1; c.height = v.videoHeight || 1;
      const g = c.getContext('2d');
      g.drawImage(v, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let r = 0, gr = 0, b = 0, distinct = new Set();
      for (let i = 0; i < d.length; i += 4) {
        r += d[i]; gr += d[i + 1]; b += d[i + 2];
        if (i % 4000 === 0) distinct.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2]);
      }
      const n = d.length / 4;
      return { status: document.getElementById('status').textContent,
               width: v.videoWidth, height: v.videoHeight, time: v.currentTime,
               mean: [r / n, gr / n, b / n], distinct_colours: distinct.size };
    });
    result.played = result.time > 0.5 && result.width > 0;
    if (shot) await page.screenshot({ path: shot });
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
  process.exit(result.played ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(2); });
