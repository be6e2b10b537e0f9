// The browser side: ask our server for a presigned SSE-C PUT, upload the file straight to S3 with the exact
// headers it returned, ask for a presigned GET with the same key, download, and compare SHA-256 digests.
const $ = (id) => document.getElementById(id);

function log(text) {
  const li = document.createElement('li');
  li.textContent = text;
  $('log').append(li);
}

function status(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

async function postJson(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
  return data;
}

const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const sha256 = async (data) => hex(await crypto.subtle.digest('SHA-256', data));
const size = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);

async function run(file) {
  $('log').replaceChildren();
  $('key-box').hidden = true;
  status('working', `Uploading ${file.name}…`);
  const ticket = await postJson('/api/uploads', { name: file.name, size: file.size, type: file.type });
  log(`Got a presigned PUT valid until ${new Date(ticket.put.expiresAt).toLocaleTimeString()} and a fresh 256-bit key (MD5 ${ticket.sseCKeyMd5}).`);

  const put = await fetch(ticket.put.url, { method: 'PUT', headers: ticket.put.headers, body: file }).catch((e) => {
    // S3-compatible servers may send error answers without CORS headers: the browser then hides the status
    throw new Error(`S3 refused the upload or could not be reached (${e.message}; the browser hides error answers that carry no CORS headers)`);
  });
  if (!put.ok) throw new Error(`S3 refused the upload: HTTP ${put.status} ${(await put.text()).slice(0, 200)}`);
  log(`Uploaded ${size(file.size)} straight to S3 (HTTP ${put.status}); S3 encrypted it with the key.`);
  $('key').textContent = ticket.sseCKey;
  $('object-key').textContent = ticket.objectKey;
  $('key-box').hidden = false;

  status('working', 'Downloading it back with the key…');
  const get = await postJson('/api/downloads', { objectKey: ticket.objectKey, sseCKey: ticket.sseCKey });
  const res = await fetch(get.url, { headers: get.headers });
  if (!res.ok) throw new Error(`S3 refused the download: HTTP ${res.status}`);
  const back = await res.arrayBuffer();
  log(`Downloaded ${size(back.byteLength)} with the key (HTTP ${res.status}).`);

  const [a, b] = await Promise.all([sha256(await file.arrayBuffer()), sha256(back)]);
  if (a !== b || back.byteLength !== file.size) throw new Error(`The bytes differ: SHA-256 ${a} uploaded, ${b} downloaded.`);
  log(`SHA-256 of both: ${a}`);
  status('verified', `Verified: ${file.name} is stored encrypted and comes back byte-identical.`);
}

$('form').addEventListener('submit', (event) => {
  event.preventDefault();
  const file = $('file').files[0];
  if (file === undefined) return status('error', 'Choose a file first.');
  $('upload').disabled = true;
  run(file)
    .catch((e) => status('error', `Failed: ${e.message}`))
    .finally(() => ($('upload').disabled = false));
});
