// The portal page: a sky view (Aladin Lite from the CDS) of the server's HiPS surveys with ObsCore footprints and
// catalog sources, an ADQL box running TAP sync queries, DataLink links of a result row and SODA cutouts.
// Plain browser JavaScript, no build step; everything it knows comes from portal/config.json and the services.
'use strict';

const DATALINK_LINKS = 'ivo://ivoa.net/std/DataLink#links-1.1';
const SODA_SYNC = 'ivo://ivoa.net/std/SODA#sync-1.0';
const PAGE_SIZE = 25;

const portal = {
  ready: false, skyReady: false, aladin: null, A: null, config: null, result: null, page: 0, position: null,
  footprints: 0, sources: 0, links: null, cutout: null, errors: [],
};
window.portal = portal;

const $ = (id) => document.getElementById(id);

function text(el, s) { el.textContent = s; return el; }

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== null && v !== undefined) e.setAttribute(k, v); });
  children.forEach((c) => e.append(c));
  return e;
}

// ---------------------------------------------------------------------------------------------------------- VOTable

// Reads a VOTable with TABLEDATA (what the page asks TAP for, and what DataLink returns): fields, rows, the
// QUERY_STATUS and its message, and the service descriptors (RESOURCE type="meta" utype="adhoc:service").
function parseVOTable(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) {
    throw new Error('the response is not a VOTable: ' + xml.slice(0, 300));
  }
  const byTag = (root, tag) => Array.from(root.getElementsByTagNameNS('*', tag));
  const results = byTag(doc, 'RESOURCE').find((r) => r.getAttribute('type') === 'results') || byTag(doc, 'RESOURCE')[0];
  const out = { fields: [], rows: [], status: null, message: null, overflow: false, services: [] };
  if (!results) return out;
  for (const info of byTag(results, 'INFO')) {
    if (info.getAttribute('name') === 'QUERY_STATUS' && info.parentNode === results) {
      out.status = info.getAttribute('value');
      out.message = info.textContent.trim();
      if (out.status === 'OVERFLOW') out.overflow = true;
    }
  }
  const table = byTag(results, 'TABLE')[0];
  if (table) {
    out.fields = byTag(table, 'FIELD').map((f) => ({
      name: f.getAttribute('name'), id: f.getAttribute('ID'), unit: f.getAttribute('unit'),
      datatype: f.getAttribute('datatype'), arraysize: f.getAttribute('arraysize'), xtype: f.getAttribute('xtype'),
      ucd: f.getAttribute('ucd'),
    }));
    for (const tr of byTag(table, 'TR')) {
      out.rows.push(byTag(tr, 'TD').map((td) => td.textContent));
    }
  }
  for (const r of byTag(doc, 'RESOURCE')) {
    if (r.getAttribute('type') !== 'meta' || r.getAttribute('utype') !== 'adhoc:service') continue;
    const direct = (tag) => Array.from(r.children).filter((c) => c.localName === tag);
    const param = (name) => direct('PARAM').find((p) => p.getAttribute('name') === name);
    const inputs = [];
    for (const g of direct('GROUP').filter((g) => g.getAttribute('name') === 'inputParams')) {
      for (const p of Array.from(g.children).filter((c) => c.localName === 'PARAM')) {
        inputs.push({ name: p.getAttribute('name'), value: p.getAttribute('value'), ref: p.getAttribute('ref') });
      }
    }
    out.services.push({
      id: r.getAttribute('ID'), name: r.getAttribute('name'),
      standardID: param('standardID') ? param('standardID').getAttribute('value') : null,
      accessURL: param('accessURL') ? param('accessURL').getAttribute('value') : null,
      inputs,
    });
  }
  for (const info of byTag(doc, 'INFO')) {
    if (info.getAttribute('name') === 'QUERY_STATUS' && info.getAttribute('value') === 'OVERFLOW') out.overflow = true;
  }
  return out;
}

// --------------------------------------------------------------------------------------------------------- TAP

async function tapSync(adql, maxrec) {
  const form = new URLSearchParams({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY: adql, RESPONSEFORMAT: 'votable/td' });
  if (maxrec) form.set('MAXREC', String(maxrec));
  const r = await fetch('tap/sync', { method: 'POST', body: form });
  const body = await r.text();
  let table;
  try {
    table = parseVOTable(body);
  } catch (e) {
    throw new Error('HTTP ' + r.status + ': ' + body);
  }
  if (!r.ok || table.status === 'ERROR') {
    throw new Error((table.message || body) + (r.ok ? '' : '   (HTTP ' + r.status + ')'));
  }
  return table;
}

function column(table, name) {
  return table.fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase());
}

// --------------------------------------------------------------------------------------------------- query panel

async function loadExamples() {
  try {
    const r = await fetch('tap/examples');
    const doc = new DOMParser().parseFromString(await r.text(), 'application/xhtml+xml');
    const select = $('examples');
    for (const ex of doc.querySelectorAll('[typeof="example"]')) {
      const name = ex.querySelector('[property="name"]');
      const query = ex.querySelector('[property="query"]');
      if (!name || !query) continue;
      const option = el('option', { value: query.textContent }, name.textContent);
      select.append(option);
    }
    select.addEventListener('change', () => { if (select.value) $('adql').value = select.value; });
  } catch (e) {
    portal.errors.push('examples: ' + e.message);
  }
}

async function runQuery() {
  const adql = $('adql').value;
  const status = $('query-status');
  $('query-error').hidden = true;
  text(status, 'running …');
  const t0 = performance.now();
  try {
    const table = await tapSync(adql, parseInt($('maxrec').value, 10) || undefined);
    portal.result = table;
    portal.page = 0;
    text(status, table.rows.length + ' rows in ' + ((performance.now() - t0) / 1000).toFixed(2) + ' s'
      + (table.overflow ? ' (more rows exist: raise MAXREC)' : ''));
    showPage();
  } catch (e) {
    portal.result = null;
    text(status, 'failed');
    const box = $('query-error');
    box.hidden = false;
    text(box, e.message);
    $('pager').hidden = true;
    $('result').replaceChildren();
  }
}

// The DataLink links descriptor of a result, with the column its ID parameter takes values from.
function linksService(table) {
  for (const s of table.services) {
    if (s.standardID !== DATALINK_LINKS || !s.accessURL) continue;
    const id = s.inputs.find((p) => p.name.toUpperCase() === 'ID' && p.ref);
    if (!id) continue;
    const col = table.fields.findIndex((f) => f.id === id.ref);
    if (col >= 0) return { url: s.accessURL, column: col };
  }
  return null;
}

function showPage() {
  const table = portal.result;
  const pages = Math.max(1, Math.ceil(table.rows.length / PAGE_SIZE));
  portal.page = Math.min(Math.max(0, portal.page), pages - 1);
  const head = el('tr', {}, ...table.fields.map((f) => el('th', { title: (f.ucd || '') + (f.datatype ? ' ' + f.datatype : '') },
    f.name, f.unit ? el('span', { class: 'unit' }, ' [' + f.unit + ']') : '')));
  const links = linksService(table);
  const rows = table.rows.slice(portal.page * PAGE_SIZE, (portal.page + 1) * PAGE_SIZE).map((row, i) => {
    const tr = el('tr', { 'data-row': portal.page * PAGE_SIZE + i }, ...row.map((v) => el('td', {}, v)));
    if (links && row[links.column]) {
      tr.classList.add('datalink');
      tr.addEventListener('click', () => {
        document.querySelectorAll('#result tr.selected').forEach((r) => r.classList.remove('selected'));
        tr.classList.add('selected');
        showLinks(links.url, row[links.column], row, table).catch((e) => {
          $('links').replaceChildren(el('tr', {}, el('td', { class: 'error' }, 'DataLink failed: ' + e.message)));
        });
      });
    }
    return tr;
  });
  $('result').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  $('pager').hidden = false;
  text($('page-info'), 'page ' + (portal.page + 1) + ' of ' + pages + ' (' + table.rows.length + ' rows)');
}

// ------------------------------------------------------------------------------------------------------ DataLink

async function showLinks(url, id, row, table) {
  const panel = $('links-panel');
  panel.hidden = false;
  text($('links-id'), id);
  $('cutout-panel').hidden = true;
  $('preview-panel').hidden = true;
  const target = $('links');
  target.replaceChildren(el('tr', {}, el('td', {}, 'loading …')));
  const sep = url.includes('?') ? '&' : '?';
  const r = await fetch(url + sep + 'ID=' + encodeURIComponent(id));
  const doc = parseVOTable(await r.text());
  portal.links = doc;
  const col = (name) => column(doc, name);
  const head = el('tr', {}, ...['semantics', 'description', 'content_type', 'content_length', 'link'].map((h) => el('th', {}, h)));
  const centre = position(row, table);
  const rows = doc.rows.map((link) => {
    const semantics = link[col('semantics')];
    const error = link[col('error_message')];
    let action;
    if (error) {
      action = el('td', { class: 'error' }, error);
    } else if (link[col('service_def')]) {
      const service = doc.services.find((s) => s.id === link[col('service_def')]);
      if (service && service.standardID === SODA_SYNC && service.accessURL) {
        const button = el('button', { class: 'cutout' }, 'cutout');
        button.addEventListener('click', () => cutout(service, centre).catch((e) => {
          text($('cutout-info'), 'the cutout failed: ' + e.message);
        }));
        action = el('td', {}, button);
      } else {
        action = el('td', {}, service ? (service.standardID || 'service') : '');
      }
    } else {
      const href = link[col('access_url')];
      const a = el('a', { href, target: '_blank', rel: 'noopener' }, 'open');
      action = el('td', {}, a);
      if (semantics === '#preview') {
        $('preview-panel').hidden = false;
        $('preview-img').src = href;
      }
    }
    return el('tr', {}, el('td', {}, semantics), el('td', {}, link[col('description')] || ''),
      el('td', {}, link[col('content_type')] || ''), el('td', {}, link[col('content_length')] || ''), action);
  });
  target.replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
}

// Where a cutout goes: the last position clicked on the sky when the row's image covers it, else the row's centre.
function position(row, table) {
  const ra = column(table, 's_ra');
  const dec = column(table, 's_dec');
  const centre = ra >= 0 && dec >= 0 ? [parseFloat(row[ra]), parseFloat(row[dec])] : null;
  const fov = column(table, 's_fov');
  if (portal.position && centre) {
    const radius = fov >= 0 ? parseFloat(row[fov]) / 2 : 0.1;
    if (separation(portal.position, centre) < radius * 0.9) return portal.position;
  }
  return centre || portal.position;
}

function separation(a, b) {
  const r = Math.PI / 180;
  const s = Math.sin((b[1] - a[1]) * r / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin((b[0] - a[0]) * r / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(s))) / r;
}

async function cutout(service, centre) {
  const panel = $('cutout-panel');
  panel.hidden = false;
  const info = $('cutout-info');
  if (!centre) { text(info, 'no position to cut around: click the sky first'); return; }
  const params = new URLSearchParams();
  for (const p of service.inputs) if (p.value) params.set(p.name, p.value);
  params.set('CIRCLE', centre[0].toFixed(6) + ' ' + centre[1].toFixed(6) + ' 0.02');
  const url = service.accessURL + (service.accessURL.includes('?') ? '&' : '?') + params;
  text(info, 'fetching …');
  const r = await fetch(url);
  if (r.status === 204) { text(info, 'no pixels there (204)'); return; }
  const bytes = await r.arrayBuffer();
  if (!r.ok) { text(info, 'HTTP ' + r.status + ': ' + new TextDecoder().decode(bytes)); return; }
  const image = readFits(bytes);
  drawImage($('cutout-preview'), image);
  $('cutout-download').href = URL.createObjectURL(new Blob([bytes], { type: 'application/fits' }));
  portal.cutout = { url, width: image.width, height: image.height, bytes: bytes.byteLength };
  text(info, image.width + '×' + image.height + ' pixels around ' + centre[0].toFixed(4) + ' ' + centre[1].toFixed(4)
    + ' (' + (bytes.byteLength / 1024).toFixed(0) + ' KiB)');
}

// The first image HDU of a FITS file (uncompressed, as SODA writes cutouts): size and pixel values.
function readFits(buffer) {
  const view = new DataView(buffer);
  const ascii = new TextDecoder('ascii');
  let offset = 0;
  while (offset < buffer.byteLength) {
    const cards = {};
    let end = false;
    let headerBytes = 0;
    while (!end) {
      const block = ascii.decode(new Uint8Array(buffer, offset + headerBytes, 2880));
      headerBytes += 2880;
      for (let i = 0; i < 36; i++) {
        const card = block.slice(i * 80, i * 80 + 80);
        const key = card.slice(0, 8).trim();
        if (key === 'END') { end = true; break; }
        if (card[8] === '=') cards[key] = card.slice(10).split('/')[0].trim().replace(/^'|'$/g, '').trim();
      }
    }
    const bitpix = parseInt(cards.BITPIX, 10);
    const naxis = parseInt(cards.NAXIS || '0', 10);
    const dims = [];
    for (let k = 1; k <= naxis; k++) dims.push(parseInt(cards['NAXIS' + k], 10));
    const count = dims.length ? dims.reduce((a, b) => a * b, 1) : 0;
    const bytes = Math.abs(bitpix) / 8 * count;
    const data = offset + headerBytes;
    if (naxis >= 2 && count > 0) {
      const w = dims[0];
      const h = dims[1];
      const scale = parseFloat(cards.BSCALE || '1');
      const zero = parseFloat(cards.BZERO || '0');
      const values = new Float32Array(w * h);
      for (let i = 0; i < w * h; i++) {
        const p = data + i * Math.abs(bitpix) / 8;
        let v;
        switch (bitpix) {
          case -32: v = view.getFloat32(p); break;
          case -64: v = view.getFloat64(p); break;
          case 32: v = view.getInt32(p); break;
          case 16: v = view.getInt16(p); break;
          default: v = view.getUint8(p);
        }
        values[i] = v * scale + zero;
      }
      return { width: w, height: h, values };
    }
    offset = data + Math.ceil(bytes / 2880) * 2880;
  }
  throw new Error('no image in the cutout');
}

// Asinh stretch between the 1st and 99.7th percentiles; FITS row 1 is the bottom of the picture.
function drawImage(canvas, image) {
  const finite = Array.from(image.values).filter(Number.isFinite).sort((a, b) => a - b);
  const lo = finite[Math.floor(finite.length * 0.01)] || 0;
  const hi = finite[Math.floor(finite.length * 0.997)] || 1;
  const soft = (hi - lo) / 20 || 1;
  const norm = Math.asinh((hi - lo) / soft);
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d');
  const out = ctx.createImageData(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const v = image.values[(image.height - 1 - y) * image.width + x];
      const g = Number.isFinite(v) ? Math.max(0, Math.min(255, 255 * Math.asinh(Math.max(0, v - lo) / soft) / norm)) : 0;
      const k = (y * image.width + x) * 4;
      out.data[k] = out.data[k + 1] = out.data[k + 2] = g;
      out.data[k + 3] = 255;
    }
  }
  ctx.putImageData(out, 0, 0);
  canvas.style.width = Math.min(384, image.width * 2) + 'px';
}

// ----------------------------------------------------------------------------------------------------------- sky

// Aladin Lite from the CDS: the CDN serves a classic script defining window.A; an ES-module build (the npm
// package) has to be imported instead.
async function loadAladin(url) {
  await new Promise((resolve) => {
    const s = document.createElement('script');
    s.src = url;
    s.onload = resolve;
    s.onerror = resolve;
    document.head.append(s);
  });
  if (window.A && window.A.aladin) return window.A;
  const m = await import(url);
  return m.default || window.A;
}

// The HiPS list (HiPS 1.0 §5.2): records of "key = value" lines separated by blank lines.
function parseHipsList(body) {
  return body.split(/\n\s*\n/).map((record) => {
    const r = {};
    for (const line of record.split('\n')) {
      const m = line.match(/^\s*([A-Za-z0-9_.]+)\s*=\s*(.*?)\s*$/);
      if (m) r[m[1]] = m[2];
    }
    return r;
  }).filter((r) => r.hips_service_url);
}

async function startSky() {
  const status = $('sky-status');
  let surveys = [];
  if (portal.config.hips) {
    const r = await fetch(portal.config.hips + '/list');
    if (r.ok) surveys = parseHipsList(await r.text());
  }
  const select = $('survey');
  surveys.sort((a, b) => (b.hips_service_url.includes('color') ? 1 : 0) - (a.hips_service_url.includes('color') ? 1 : 0));
  for (const s of surveys) select.append(el('option', { value: s.hips_service_url }, s.obs_title || s.ID));
  if (!surveys.length) select.append(el('option', { value: 'P/DSS2/color' }, 'DSS2 colour (CDS)'));
  let A;
  try {
    A = await loadAladin(portal.config.aladinLite);
    await A.init;
  } catch (e) {
    text(status, 'Aladin Lite could not be loaded from ' + portal.config.aladinLite + ' (' + e + '); queries still work');
    return;
  }
  portal.A = A;
  const first = surveys[0];
  const target = first && first.hips_initial_ra ? first.hips_initial_ra + ' ' + first.hips_initial_dec : '0 0';
  const fov = first && first.hips_initial_fov ? Math.min(3, parseFloat(first.hips_initial_fov) * 1.5) : 60;
  const aladin = A.aladin('#sky', {
    survey: first ? first.hips_service_url : 'P/DSS2/color', target, fov, cooFrame: 'ICRS',
    showReticle: false, showCooGridControl: true, showSimbadPointerControl: false, showContextMenu: true,
    log: false, // no usage report to the CDS with this page's URL
  });
  portal.aladin = aladin;
  select.addEventListener('change', () => {
    const s = surveys.find((x) => x.hips_service_url === select.value);
    aladin.setBaseImageLayer(A.imageHiPS(select.value, { name: s ? s.obs_title : select.value }));
  });
  const footprints = A.graphicOverlay({ name: 'ObsCore footprints', color: '#ffb000', lineWidth: 1.5 });
  aladin.addOverlay(footprints);
  $('show-footprints').addEventListener('change', (e) => (e.target.checked ? footprints.show() : footprints.hide()));
  drawFootprints(footprints).catch((e) => portal.errors.push('footprints: ' + e.message));
  if (portal.config.catalog) {
    const catalog = A.catalog({ name: portal.config.catalog.table, sourceSize: 10, color: '#35e0ff', shape: 'circle' });
    aladin.addCatalog(catalog);
    let timer = null;
    const refresh = () => { clearTimeout(timer); timer = setTimeout(() => drawSources(catalog), 400); };
    aladin.on('positionChanged', refresh);
    aladin.on('zoomChanged', refresh);
    $('show-sources').addEventListener('change', refresh);
    refresh();
  } else {
    $('show-sources').parentElement.hidden = true;
  }
  aladin.on('click', (e) => {
    if (e.isDragging || e.ra === undefined) return;
    portal.position = [e.ra, e.dec];
    coneSearch(e.ra, e.dec);
  });
  portal.skyReady = true;
}

// The DALI polygon of s_region ("ra1 dec1 ra2 dec2 …"), or of an STC-S "POLYGON [frame] ra1 dec1 …".
function polygonOf(region) {
  const numbers = (region || '').replace(/^[^0-9+\-.]*/, '').trim().split(/\s+/).map(Number).filter(Number.isFinite);
  const points = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i], numbers[i + 1]]);
  return points.length >= 3 ? points : null;
}

async function drawFootprints(overlay) {
  let table;
  try {
    table = await tapSync('SELECT TOP 5000 obs_publisher_did, dataproduct_subtype, s_region FROM ivoa.ObsCore', 5000);
  } catch (e) {
    return; // no ObsCore on this server
  }
  const region = column(table, 's_region');
  const colours = { 'lsst.calexp': '#ffb000', 'lsst.raw': '#ff5050', 'lsst.deepCoadd': '#50ff7a' };
  const subtype = column(table, 'dataproduct_subtype');
  for (const row of table.rows) {
    const points = polygonOf(row[region]);
    if (points) {
      overlay.add(portal.A.polygon(points, { color: colours[row[subtype]] || '#ffb000' }));
      portal.footprints++;
    }
  }
}

async function drawSources(catalog) {
  const aladin = portal.aladin;
  const fov = Math.max(...aladin.getFov());
  const c = portal.config.catalog;
  catalog.removeAll();
  portal.sources = 0;
  if (!$('show-sources').checked || fov > 0.3) {
    text($('sky-status'), $('show-sources').checked ? 'zoom in below 0.3° to see catalog sources' : '');
    return;
  }
  const [ra, dec] = aladin.getRaDec();
  const r = Math.min(0.25, fov * 0.75);
  const adql = 'SELECT TOP 3000 ' + c.id + ', ' + c.ra + ', ' + c.dec + ' FROM ' + c.table + " WHERE 1 = CONTAINS(POINT('ICRS', "
    + c.ra + ', ' + c.dec + "), CIRCLE('ICRS', " + ra.toFixed(6) + ', ' + dec.toFixed(6) + ', ' + r.toFixed(5) + '))';
  try {
    const t = await tapSync(adql, 3000);
    const ir = column(t, c.ra);
    const id = column(t, c.dec);
    catalog.addSources(t.rows.map((row) => portal.A.source(parseFloat(row[ir]), parseFloat(row[id]), { [c.id]: row[0] })));
    portal.sources = t.rows.length;
    text($('sky-status'), t.rows.length + ' sources from ' + c.table + (t.overflow ? ' (first 3000)' : ''));
  } catch (e) {
    text($('sky-status'), 'sources: ' + e.message);
  }
}

// A click on the sky: the images whose centre is within 0.3° of it, with their DataLink.
function coneSearch(ra, dec) {
  $('adql').value = 'SELECT obs_id, dataproduct_subtype, s_ra, s_dec, s_fov, t_min, em_min, em_max, access_estsize, '
    + 'obs_publisher_did\nFROM ivoa.ObsCore\nWHERE 1 = CONTAINS(POINT(\'ICRS\', s_ra, s_dec), CIRCLE(\'ICRS\', '
    + ra.toFixed(6) + ', ' + dec.toFixed(6) + ', 0.3))\nORDER BY calib_level DESC, obs_id';
  runQuery();
}

// -------------------------------------------------------------------------------------------------------- start

async function start() {
  portal.config = await (await fetch('portal/config.json')).json();
  $('nav-hips').hidden = !portal.config.hips;
  $('nav-docs').hidden = !portal.config.docs;
  $('run').addEventListener('click', runQuery);
  $('adql').addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) runQuery(); });
  $('prev').addEventListener('click', () => { portal.page--; showPage(); });
  $('next').addEventListener('click', () => { portal.page++; showPage(); });
  await loadExamples();
  portal.ready = true;
  await startSky();
}

window.addEventListener('error', (e) => portal.errors.push(String(e.message)));
start().catch((e) => { portal.errors.push(String(e)); text($('query-status'), String(e)); });
