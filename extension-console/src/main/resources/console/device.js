import {clear, errorText, h, json, localInput, showStatus, table, time} from './dom.js';
import {LiveChart, timeChart} from './charts.js';

const AGGREGATIONS = ['NONE', 'AVG', 'MIN', 'MAX', 'SUM', 'COUNT'];
const LOG_LINES = 200;

/** One device: status and credentials, latest values, live and history charts, attributes, RPC, event log. */
export function render({broker}, root, [name]) {
    const api = (service, op, args = {}) => broker.request(service, op, Object.assign({device: name}, args));
    const statusLine = h('p', {class: 'status', id: 'device-status'});
    const credentials = h('div', {id: 'device-credentials'});
    const latestBody = h('tbody', {id: 'latest-rows'});
    const latestRows = new Map();
    const liveEl = h('div', {class: 'chart', id: 'live-chart'});
    const live = new LiveChart(liveEl);
    const logEl = h('div', {class: 'log', id: 'event-log'});
    const actionStatus = h('p', {class: 'status', id: 'device-action-status'});

    const latest = table(['key', 'value', 'time'], []);
    latest.querySelector('tbody').replaceWith(latestBody);
    clear(root,
        h('section', {class: 'panel'},
            h('h1', {}, h('span', {class: 'dot', id: 'device-dot'}), ' ', name),
            statusLine, credentials,
            h('div', {class: 'row'},
                h('button', {type: 'button', class: 'secondary', id: 'rotate-token', onclick: rotate},
                    'Rotate access token'),
                h('button', {type: 'button', class: 'danger', id: 'revoke-credentials', onclick: revoke},
                    'Revoke credentials'),
                h('button', {type: 'button', class: 'danger', id: 'delete-device', onclick: remove},
                    'Delete device')),
            actionStatus),
        h('div', {class: 'grid'},
            h('section', {class: 'panel'}, h('h2', {}, 'Latest values'), latest),
            h('section', {class: 'panel'}, h('h2', {}, 'Live telemetry'), liveEl)),
        historyPanel(api),
        attributesPanel(api),
        rpcPanel(api, root),
        h('section', {class: 'panel'}, h('h2', {}, 'Events'), logEl));

    // a connection event seen since the page opened wins over an answer that may have been read before it
    let onlineFromEvent = null;

    async function loadDevice() {
        try {
            const device = await broker.request('registry', 'device.get', {device: name});
            const online = onlineFromEvent ?? device.status.active;
            showOnline(online);
            showStatus(statusLine, `${online ? 'online' : 'offline'} · last activity `
                + `${time(device.status.lastActivityTime)} · created ${time(device.createdAt)}`);
            clear(credentials, table(['credential', 'type', 'created', 'revoked'], device.credentials.map(c =>
                h('tr', {}, h('td', {class: 'mono'}, c.id), h('td', {}, c.type), h('td', {}, time(c.createdAt)),
                    h('td', {}, c.revokedAt ? time(c.revokedAt) : '–')))));
        } catch (e) {
            showStatus(statusLine, errorText(e), 'error');
        }
    }

    function showOnline(online) {
        root.querySelector('#device-dot').className = 'dot ' + (online ? 'online' : 'offline');
        root.dataset.online = String(online);
    }

    function setLatest(key, value, ts) {
        let row = latestRows.get(key);
        if (!row) {
            row = {value: h('td', {class: 'num'}), ts: h('td', {})};
            latestRows.set(key, row);
            latestBody.append(h('tr', {dataset: {key}}, h('td', {}, key), row.value, row.ts));
        }
        row.value.textContent = json(value);
        row.ts.textContent = time(ts);
    }

    async function loadLatest() {
        try {
            const result = await api('devices', 'telemetry.latest');
            for (const [key, entry] of Object.entries(result.values)) {
                setLatest(key, entry.value, entry.ts);
            }
        } catch (e) {
            showStatus(statusLine, errorText(e), 'error');
        }
    }

    async function rotate() {
        try {
            const issued = await broker.request('registry', 'credentials.rotate', {device: name});
            clear(actionStatus, 'New access token, shown this once: ', h('code', {id: 'rotated-token'}, issued.token));
            loadDevice();
        } catch (e) {
            showStatus(actionStatus, errorText(e), 'error');
        }
    }

    async function revoke() {
        if (!confirm(`Revoke every credential of ${name}? It is disconnected at once.`)) {
            return;
        }
        try {
            const result = await broker.request('registry', 'credentials.revoke', {device: name});
            showStatus(actionStatus, `${result.revoked} credential(s) revoked`, 'ok');
            loadDevice();
        } catch (e) {
            showStatus(actionStatus, errorText(e), 'error');
        }
    }

    async function remove() {
        if (!confirm(`Delete ${name} and disconnect it?`)) {
            return;
        }
        try {
            await broker.request('registry', 'device.delete', {device: name});
            location.hash = '#/devices';
        } catch (e) {
            showStatus(actionStatus, errorText(e), 'error');
        }
    }

    const off = broker.onEvent(event => {
        if (event.device !== name) {
            return;
        }
        logEl.prepend(h('div', {}, `${time(event.ts)} ${event.event} ${JSON.stringify(event.data)}`));
        while (logEl.childElementCount > LOG_LINES) {
            logEl.lastChild.remove();
        }
        if (event.event === 'connected' || event.event === 'disconnected') {
            onlineFromEvent = event.event === 'connected';
            showOnline(onlineFromEvent);
        } else if (event.event === 'telemetry') {
            for (const [key, value] of Object.entries(event.data.values || {})) {
                setLatest(key, value, event.data.ts);
            }
            live.push(event.data.ts, event.data.values || {});
        }
        root.dispatchEvent(new CustomEvent('device-event', {detail: event}));
    });
    loadDevice();
    loadLatest();
    return () => {
        off();
        live.destroy();
    };
}

function historyPanel(api) {
    const now = Date.now();
    const keys = h('input', {id: 'history-keys', placeholder: 'temperature, humidity'});
    const from = h('input', {type: 'datetime-local', id: 'history-from', value: localInput(now - 3600000)});
    const to = h('input', {type: 'datetime-local', id: 'history-to', value: localInput(now + 60000)});
    const agg = h('select', {id: 'history-agg'}, AGGREGATIONS.map(a => h('option', {value: a}, a)));
    const interval = h('input', {type: 'number', id: 'history-interval', value: '60000', min: '1'});
    const status = h('p', {class: 'status', id: 'history-status'});
    const chart = h('div', {class: 'chart', id: 'history-chart'});
    let plot = null;

    async function load(event) {
        event.preventDefault();
        const names = keys.value.split(',').map(k => k.trim()).filter(Boolean);
        if (!names.length) {
            showStatus(status, 'name at least one key', 'error');
            return;
        }
        const args = {keys: names, from: new Date(from.value).getTime(), to: new Date(to.value).getTime(),
            limit: 1000};
        if (agg.value !== 'NONE') {
            args.agg = agg.value;
            args.interval = Number(interval.value);
        }
        showStatus(status, 'loading…');
        try {
            const entries = [];
            for (let page = 0; page < 10; page++) {
                const result = await api('devices', 'telemetry.history', args);
                entries.push(...result.entries);
                if (!result.cursor) {
                    break;
                }
                args.cursor = result.cursor;
            }
            const byTs = new Map();
            for (const entry of entries) {
                const row = byTs.get(entry.ts) || {};
                row[entry.key] = typeof entry.value === 'number' ? entry.value : Number(entry.value);
                byTs.set(entry.ts, row);
            }
            const times = [...byTs.keys()].sort((a, b) => a - b);
            const data = [times.map(t => t / 1000)].concat(names.map(k => times.map(t => byTs.get(t)[k] ?? null)));
            if (plot) {
                plot.destroy();
            }
            plot = timeChart(chart, names, data, agg.value === 'NONE' ? 'history' : `${agg.value} per ${interval.value} ms`);
            chart.dataset.points = String(times.length);
            showStatus(status, `${entries.length} values`, 'ok');
        } catch (e) {
            showStatus(status, errorText(e), 'error');
        }
    }

    return h('section', {class: 'panel'}, h('h2', {}, 'History'),
        h('form', {class: 'row', onsubmit: load},
            h('label', {}, 'Keys', keys), h('label', {}, 'From', from), h('label', {}, 'To', to),
            h('label', {}, 'Aggregation', agg), h('label', {}, 'Interval (ms)', interval),
            h('button', {type: 'submit', id: 'history-load'}, 'Show')),
        status, chart);
}

function attributesPanel(api) {
    const clientBody = h('tbody', {id: 'client-attributes'});
    const sharedBody = h('tbody', {id: 'shared-attributes'});
    const key = h('input', {id: 'shared-key', placeholder: 'key'});
    const value = h('input', {id: 'shared-value', placeholder: 'value as JSON, e.g. 30 or "on"'});
    const status = h('p', {class: 'status', id: 'attributes-status'});

    async function load() {
        try {
            const result = await api('devices', 'attributes.get');
            clear(clientBody, Object.entries(result.client || {}).map(([k, v]) =>
                h('tr', {}, h('td', {}, k), h('td', {class: 'num'}, json(v)))));
            clear(sharedBody, Object.entries(result.shared || {}).map(([k, v]) =>
                h('tr', {dataset: {key: k}}, h('td', {}, k), h('td', {class: 'num'}, json(v)),
                    h('td', {}, h('button', {type: 'button', class: 'danger', onclick: () => remove(k)}, 'Delete')))));
        } catch (e) {
            showStatus(status, errorText(e), 'error');
        }
    }

    async function save(event) {
        event.preventDefault();
        let parsed;
        try {
            parsed = JSON.parse(value.value);
        } catch (e) {
            parsed = value.value;
        }
        try {
            await api('devices', 'attributes.set', {attributes: {[key.value.trim()]: parsed}});
            showStatus(status, `${key.value.trim()} set`, 'ok');
            load();
        } catch (e) {
            showStatus(status, errorText(e), 'error');
        }
    }

    async function remove(k) {
        try {
            await api('devices', 'attributes.delete', {keys: [k]});
            showStatus(status, `${k} deleted`, 'ok');
            load();
        } catch (e) {
            showStatus(status, errorText(e), 'error');
        }
    }

    load();
    const client = table(['client attribute', 'value'], []);
    client.querySelector('tbody').replaceWith(clientBody);
    const shared = table(['shared attribute', 'value', ''], []);
    shared.querySelector('tbody').replaceWith(sharedBody);
    return h('section', {class: 'panel'}, h('h2', {}, 'Attributes'),
        h('div', {class: 'grid'}, client, h('div', {}, shared,
            h('form', {class: 'row', onsubmit: save}, h('label', {}, 'Shared key', key),
                h('label', {}, 'Value', value), h('button', {type: 'submit', id: 'shared-save'}, 'Set')))),
        status);
}

function rpcPanel(api, root) {
    const method = h('input', {id: 'rpc-method', placeholder: 'setGpio', required: true});
    const params = h('textarea', {id: 'rpc-params'}, '{}');
    const timeout = h('input', {type: 'number', id: 'rpc-timeout', value: '10000', min: '1'});
    const oneway = h('input', {type: 'checkbox', id: 'rpc-oneway'});
    const persistent = h('input', {type: 'checkbox', id: 'rpc-persistent'});
    const status = h('p', {class: 'status', id: 'rpc-status'});
    const answer = h('pre', {id: 'rpc-answer'});
    let lastPersistent = null;

    async function send(event) {
        event.preventDefault();
        let parsedParams;
        try {
            parsedParams = params.value.trim() ? JSON.parse(params.value) : {};
        } catch (e) {
            showStatus(status, 'params must be JSON', 'error');
            return;
        }
        const args = {method: method.value.trim(), params: parsedParams, timeoutMs: Number(timeout.value),
            oneway: oneway.checked, persistent: persistent.checked};
        showStatus(status, 'sent, waiting…');
        answer.textContent = '';
        try {
            const result = await api('devices', 'rpc', args);
            answer.textContent = JSON.stringify(result, null, 2);
            if (persistent.checked) {
                lastPersistent = result.requestId;
                showStatus(status, `request ${result.requestId}: ${result.status}`, 'ok');
            } else {
                showStatus(status, `request ${result.requestId}: ${oneway.checked ? 'sent' : 'answered'}`, 'ok');
            }
        } catch (e) {
            showStatus(status, errorText(e), 'error');
        }
    }

    async function refresh() {
        if (lastPersistent === null) {
            return;
        }
        try {
            const result = await api('devices', 'rpc.status', {requestId: lastPersistent});
            answer.textContent = JSON.stringify(result, null, 2);
            showStatus(status, `request ${result.requestId}: ${result.status}`, 'ok');
        } catch (e) {
            showStatus(status, errorText(e), 'error');
        }
    }

    root.addEventListener('device-event', ({detail: event}) => {
        if (event.event === 'rpc' && lastPersistent !== null && event.data
            && event.data.requestId === lastPersistent) {
            refresh();
        }
    });

    return h('section', {class: 'panel'}, h('h2', {}, 'RPC'),
        h('form', {onsubmit: send},
            h('div', {class: 'row'}, h('label', {}, 'Method', method), h('label', {}, 'Timeout (ms)', timeout)),
            h('label', {}, 'Params (JSON)', params),
            h('label', {class: 'inline'}, oneway, 'one-way'), h('label', {class: 'inline'}, persistent, 'persistent'),
            h('button', {type: 'submit', id: 'rpc-send'}, 'Call'), ' ',
            h('button', {type: 'button', class: 'secondary', onclick: refresh}, 'Refresh status')),
        status, answer);
}
