import {clear, errorText, h, showStatus, table, time} from './dom.js';

const PAGE = 50;

/** Devices of the account: searched and paged by the registry service, never loaded all at once. */
export function render({broker, settings}, root) {
    const status = h('p', {class: 'status', role: 'status'});
    const search = h('input', {type: 'search', placeholder: 'search by name', id: 'device-search'});
    const body = h('tbody', {id: 'device-rows'});
    const pageInfo = h('span', {class: 'hint'});
    const previous = h('button', {class: 'secondary', type: 'button', onclick: () => go(-1)}, '‹ previous');
    const next = h('button', {class: 'secondary', type: 'button', onclick: () => go(1)}, 'next ›');
    const created = h('div', {id: 'device-created'});
    const name = h('input', {id: 'new-device-name', placeholder: 'device name', required: true});
    const createStatus = h('p', {class: 'status'});
    let cursors = [null];
    let page = 0;
    let nextCursor = null;
    let timer = null;
    const rows = new Map();
    // Connection events seen since the page opened win over a list answer that may have been read before them.
    const seen = new Map();
    const list = table(['', 'name', 'last activity', 'created'], []);
    list.querySelector('tbody').replaceWith(body);

    clear(root,
        h('section', {class: 'panel'},
            h('h1', {}, 'Devices'),
            h('div', {class: 'row'}, h('label', {}, 'Search', search)),
            list,
            h('div', {class: 'pager'}, previous, pageInfo, next),
            status),
        h('section', {class: 'panel'},
            h('h2', {}, 'Create a device'),
            h('form', {class: 'row', onsubmit: create}, h('label', {}, 'Name', name),
                h('button', {type: 'submit', id: 'create-device'}, 'Create')),
            createStatus, created));

    search.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
            cursors = [null];
            page = 0;
            load();
        }, 250);
    });

    async function load() {
        showStatus(status, 'loading…');
        const args = {limit: PAGE};
        if (cursors[page]) {
            args.cursor = cursors[page];
        }
        if (search.value.trim()) {
            args.search = search.value.trim();
        }
        try {
            const result = await broker.request('registry', 'device.list', args);
            nextCursor = result.cursor || null;
            rows.clear();
            clear(body, result.devices.map(row));
            pageInfo.textContent = `page ${page + 1}` + (result.devices.length ? '' : ' (no devices)');
            previous.disabled = page === 0;
            next.disabled = !nextCursor;
            showStatus(status, '');
        } catch (e) {
            showStatus(status, errorText(e), 'error');
        }
    }

    function go(step) {
        if (step > 0 && nextCursor) {
            cursors[page + 1] = nextCursor;
            page++;
        } else if (step < 0 && page > 0) {
            page--;
        }
        load();
    }

    function row(device) {
        const state = Object.assign({}, device.status, seen.get(device.name));
        const dot = h('span', {class: 'dot ' + (state.active ? 'online' : 'offline'),
            title: state.active ? 'online' : 'offline'});
        const activity = h('td', {}, time(state.lastActivityTime));
        const tr = h('tr', {dataset: {device: device.name, online: String(!!state.active)}},
            h('td', {}, dot),
            h('td', {}, h('a', {href: '#/device/' + encodeURIComponent(device.name)}, device.name)),
            activity,
            h('td', {}, time(device.createdAt)));
        rows.set(device.name, {tr, dot, activity});
        return tr;
    }

    async function create(event) {
        event.preventDefault();
        showStatus(createStatus, 'creating…');
        try {
            const result = await broker.request('registry', 'device.create', {name: name.value.trim()});
            const token = result.credentials.token;
            const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname;
            const port = settings.mqttPort ? ` -p ${settings.mqttPort}` : '';
            const command = `mosquitto_pub -h ${host}${port} -u '${token}' -t v1/devices/me/telemetry `
                + `-m '{"temperature":25}'`;
            const commandEl = h('pre', {id: 'new-device-command'}, command);
            clear(created, h('div', {class: 'secret'},
                h('p', {}, 'Device ', h('strong', {}, result.name), ' created. Its access token is shown ',
                    h('strong', {}, 'this once'), ':'),
                h('pre', {id: 'new-device-token'}, token),
                h('p', {}, 'Send telemetry with it:'), commandEl,
                h('button', {type: 'button', class: 'secondary', onclick: () => copy(command, createStatus)},
                    'Copy command')));
            showStatus(createStatus, '');
            name.value = '';
            load();
        } catch (e) {
            showStatus(createStatus, errorText(e), 'error');
        }
    }

    const off = broker.onEvent(event => {
        const state = Object.assign(seen.get(event.device) || {}, {lastActivityTime: event.ts});
        if (event.event === 'connected' || event.event === 'disconnected') {
            state.active = event.event === 'connected';
        }
        seen.set(event.device, state);
        const entry = rows.get(event.device);
        if (!entry) {
            return;
        }
        if (state.active !== undefined) {
            entry.dot.className = 'dot ' + (state.active ? 'online' : 'offline');
            entry.tr.dataset.online = String(state.active);
        }
        entry.activity.textContent = time(event.ts);
    });
    load();
    return () => {
        off();
        clearTimeout(timer);
    };
}

export function copy(text, statusEl) {
    navigator.clipboard.writeText(text).then(() => showStatus(statusEl, 'copied', 'ok'),
        () => showStatus(statusEl, 'select the text and copy it', 'error'));
}
