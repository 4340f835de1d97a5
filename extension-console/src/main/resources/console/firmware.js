import {clear, errorText, h, showStatus, table, time} from './dom.js';

/** Raw bytes per upload piece: 48 KiB become 64 KiB of base64, far below the broker's packet limit. */
const PIECE = 48 * 1024;

/** Firmware and software packages: upload in pieces with progress, assignment, rollout status per package. */
export function render({broker}, root) {
    const request = (op, args = {}, timeoutMs = undefined) => broker.request('firmware', op, args, timeoutMs);
    const listBody = h('tbody', {id: 'package-rows'});
    const listStatus = h('p', {class: 'status'});
    const file = h('input', {type: 'file', id: 'upload-file', required: true});
    const title = h('input', {id: 'upload-title', required: true, placeholder: 'sensor-fw'});
    const version = h('input', {id: 'upload-version', required: true, placeholder: '1.0.1'});
    const type = h('select', {id: 'upload-type'}, h('option', {}, 'FIRMWARE'), h('option', {}, 'SOFTWARE'));
    const algorithm = h('select', {id: 'upload-algorithm'},
        ['SHA256', 'SHA384', 'SHA512', 'MD5', 'CRC32', 'MURMUR3_32', 'MURMUR3_128'].map(a => h('option', {}, a)));
    const progress = h('progress', {id: 'upload-progress', max: '1', value: '0'});
    const uploadStatus = h('p', {class: 'status', id: 'upload-status'});
    const device = h('input', {id: 'assign-device', required: true, placeholder: 'device name'});
    const target = h('select', {id: 'assign-package'});
    const assignStatus = h('p', {class: 'status', id: 'assign-status'});

    const list = table(['title', 'version', 'type', 'size', 'checksum', 'created', 'rollout'], []);
    list.querySelector('tbody').replaceWith(listBody);
    clear(root,
        h('section', {class: 'panel'}, h('h1', {}, 'Firmware'), list, listStatus),
        h('div', {class: 'grid'},
            h('section', {class: 'panel'}, h('h2', {}, 'Upload a package'),
                h('form', {onsubmit: upload}, h('label', {}, 'File', file),
                    h('div', {class: 'row'}, h('label', {}, 'Title', title), h('label', {}, 'Version', version)),
                    h('div', {class: 'row'}, h('label', {}, 'Type', type), h('label', {}, 'Checksum', algorithm)),
                    progress, h('button', {type: 'submit', id: 'upload-button'}, 'Upload')),
                uploadStatus),
            h('section', {class: 'panel'}, h('h2', {}, 'Assign to a device'),
                h('form', {onsubmit: assign}, h('label', {}, 'Device', device), h('label', {}, 'Package', target),
                    h('button', {type: 'submit', id: 'assign-button'}, 'Assign')),
                assignStatus)));

    async function load() {
        try {
            const [packages, status] = await Promise.all([request('package.list', {limit: 1000}), request('status')]);
            const counts = new Map(status.packages.map(p => [`${p.type}/${p.title}/${p.version}`, p]));
            clear(listBody, packages.packages.map(p => {
                const rollout = counts.get(`${p.type}/${p.title}/${p.version}`);
                const states = rollout ? Object.entries(rollout.states).map(([s, n]) => `${s} ${n}`).join(', ') : '';
                return h('tr', {dataset: {package: `${p.title}/${p.version}`}},
                    h('td', {}, p.title), h('td', {}, p.version), h('td', {}, p.type), h('td', {class: 'num'}, p.size),
                    h('td', {class: 'mono'}, `${p.checksumAlgorithm} ${p.checksum.slice(0, 16)}…`),
                    h('td', {}, time(p.createdAt)),
                    h('td', {class: 'rollout'}, rollout ? `${rollout.assigned} assigned: ${states}` : 'not assigned'));
            }));
            clear(target, packages.packages.map(p =>
                h('option', {value: JSON.stringify([p.type, p.title, p.version])}, `${p.title} ${p.version} (${p.type})`)));
            showStatus(listStatus, packages.packages.length ? '' : 'no packages yet');
        } catch (e) {
            showStatus(listStatus, errorText(e), 'error');
        }
    }

    async function upload(event) {
        event.preventDefault();
        const bytes = new Uint8Array(await file.files[0].arrayBuffer());
        const button = root.querySelector('#upload-button');
        button.disabled = true;
        progress.value = 0;
        try {
            let result = null;
            for (let offset = 0; offset < bytes.length || offset === 0; offset += PIECE) {
                const piece = bytes.subarray(offset, Math.min(offset + PIECE, bytes.length));
                const last = offset + PIECE >= bytes.length;
                result = await request('package.upload', {type: type.value, title: title.value.trim(),
                    version: version.value.trim(), checksumAlgorithm: algorithm.value, size: bytes.length,
                    data: base64(piece), offset, last}, 60000);
                progress.value = Math.min(offset + piece.length, bytes.length) / Math.max(bytes.length, 1);
                showStatus(uploadStatus, `${Math.round(progress.value * 100)} %`);
                if (last) {
                    break;
                }
            }
            showStatus(uploadStatus, `uploaded ${result.title} ${result.version}: ${result.size} bytes, `
                + `${result.checksumAlgorithm} ${result.checksum}`, 'ok');
            load();
        } catch (e) {
            showStatus(uploadStatus, errorText(e), 'error');
        } finally {
            button.disabled = false;
        }
    }

    async function assign(event) {
        event.preventDefault();
        if (!target.value) {
            showStatus(assignStatus, 'upload a package first', 'error');
            return;
        }
        const [packageType, packageTitle, packageVersion] = JSON.parse(target.value);
        try {
            await request('assign', {device: device.value.trim(), type: packageType, title: packageTitle,
                version: packageVersion});
            showStatus(assignStatus, `${packageTitle} ${packageVersion} assigned to ${device.value.trim()}`, 'ok');
            load();
        } catch (e) {
            showStatus(assignStatus, errorText(e), 'error');
        }
    }

    load();
}

function base64(bytes) {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
        text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(text);
}
