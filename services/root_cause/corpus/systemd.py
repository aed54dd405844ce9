"""Hosts: systemd/journald units, the kernel, cert-manager and DNS daemons seen through the journal."""

# Log lines are quoted as real components write them; wrapping them would hide their shape.
# ruff: noqa: E501

from __future__ import annotations

from services.root_cause.corpus.render import Family

FAMILIES = (
    Family(
        "journal.restart_loop",
        "crash_loop",
        "journald",
        (
            "W systemd[1]: {unit}: Main process exited, code=exited, status={exit}/FAILURE",
            "W systemd[1]: {unit}: Failed with result 'exit-code'.",
            "I systemd[1]: {unit}: Scheduled restart job, restart counter is at {restarts}.",
            "?I systemd[1]: Stopped {svc} service.",
            "?E systemd[1]: {unit}: Start request repeated too quickly.",
            "?E systemd[1]: Failed to start {svc} service.",
        ),
    ),
    Family(
        "journal.kernel_oom",
        "out_of_memory",
        "journald",
        (
            "W kernel: [{n}.{pid}] {container} invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP),"
            " order=0, oom_score_adj=0",
            "?W kernel: [{n}.{pid}] Memory cgroup out of memory: Killed process {pid} ({container}) total-vm:{big}kB, "
            "anon-rss:{big}kB, file-rss:{n}kB, shmem-rss:0kB, UID:1000 pgtables:{n}kB oom_score_adj:0",
            (
                "E kernel: [{n}.{pid}] Out of memory: Killed process {pid} ({container})",
                "E systemd[1]: {unit}: A process of this unit has been killed by the OOM killer.",
            ),
            "?W systemd[1]: {unit}: Failed with result 'oom-kill'.",
        ),
    ),
    Family(
        "journal.enospc",
        "disk_full",
        "journald",
        (
            (
                "E {container}[{pid}]: write /var/log/{svc}/app.log: no space left on device",
                "W kernel: EXT4-fs warning (device {device}): ext4_dx_add_entry:2516: Directory index full!",
                "E dockerd[{pid}]: failed to write to log file: write /var/lib/docker/containers/{sha}-json.log: "
                "no space left on device",
            ),
            "?W systemd-journald[{pid}]: Failed to write entry ({count} items, {big} bytes), ignoring: No space "
            "left on device",
            "?W node-problem-detector[{pid}]: Disk usage on {mount} is {pct}%",
            '?E postgres[{pid}]: PANIC:  could not write to file "pg_wal/xlogtemp.{pid}": No space left on device',
        ),
    ),
    Family(
        "journal.link_down",
        "network_connectivity",
        "journald",
        (
            (
                "W kernel: [{n}.{pid}] ena 0000:00:05.0 eth0: NIC Link is Down",
                "W kernel: [{n}.{pid}] bond0: link status definitely down for interface eth1, disabling it",
                "E kernel: [{n}.{pid}] nf_conntrack: nf_conntrack: table full, dropping packet",
            ),
            "?W systemd-networkd[{pid}]: eth0: Lost carrier",
            "?E {container}[{pid}]: connect to {ip}:{port} failed: No route to host",
            "?W keepalived[{pid}]: (VI_1) Entering FAULT STATE",
        ),
    ),
    Family(
        "journal.dns_daemon",
        "dns_resolution",
        "journald",
        (
            (
                "W systemd-resolved[{pid}]: Using degraded feature set UDP instead of EDNS0 for DNS server 10.0.0.2.",
                "E coredns[{pid}]: [ERROR] plugin/errors: 2 {domain}. A: read udp {ip}:{eport}->10.0.0.2:53: i/o "
                "timeout",
                "W dnsmasq[{pid}]: Maximum number of concurrent DNS queries reached (max: 150)",
            ),
            "E {container}[{pid}]: could not resolve {domain}: SERVFAIL",
            "?E coredns[{pid}]: [ERROR] plugin/errors: 2 {domain}. AAAA: dial udp 10.0.0.2:53: connect: network is "
            "unreachable",
            "?W {container}[{pid}]: Temporary failure in name resolution for {domain}",
        ),
    ),
    Family(
        "journal.cert_manager",
        "tls_certificate",
        "journald",
        (
            (
                'E cert-manager[{pid}]: "msg"="error while renewing certificate" "error"="failed to perform '
                'self check GET request \'http://{cn}/.well-known/acme-challenge/{hex}\'" "resource_name"="{svc}-tls"',
                "W certbot[{pid}]: Failed to renew certificate {cn} with error: Some challenges have failed.",
                "E haproxy[{pid}]: {ip}:{eport} [{clf}] https-in/1: SSL handshake failure (certificate expired)",
            ),
            "?W {container}[{pid}]: certificate for {cn} expires in 0 days ({date})",
            "?E {container}[{pid}]: x509: certificate has expired or is not yet valid",
        ),
    ),
    Family(
        "journal.sshd_auth",
        "auth_failure",
        "journald",
        (
            (
                "W sshd[{pid}]: Failed password for invalid user {user} from {ip} port {eport} ssh2",
                "E sudo[{pid}]: pam_unix(sudo:auth): authentication failure; logname={user} uid=1000 euid=0",
                "W vault[{pid}]: [ERROR] auth.approle: invalid secret id: role={svc}",
            ),
            "?W {container}[{pid}]: login to vault failed: permission denied (403)",
            "?W sshd[{pid}]: Connection closed by authenticating user {user} {ip} port {eport} [preauth]",
            "E {container}[{pid}]: could not fetch credentials: permission denied",
        ),
    ),
    Family(
        "journal.unit_config",
        "config_error",
        "journald",
        (
            (
                "E systemd[1]: /etc/systemd/system/{unit}:{line}: Unknown key name 'ExecStar' in section 'Service', "
                "ignoring.",
                "E {container}[{pid}]: Error: invalid config file /etc/{svc}/{svc}.toml: expected '=' at line {line}",
                "E {container}[{pid}]: FATAL: missing required setting 'listen_address'",
            ),
            "?E systemd[1]: {unit}: Main process exited, code=exited, status=78/CONFIG",
            "?E systemd[1]: Failed to start {svc} service.",
        ),
    ),
    Family(
        "journal.load_high",
        "resource_saturation",
        "journald",
        (
            (
                "W node-exporter[{pid}]: load average 38.12 31.77 24.09 on 8 CPUs",
                "W kernel: [{n}.{pid}] INFO: task {container}:{pid} blocked for more than 120 seconds.",
                "W kernel: [{n}.{pid}] TCP: request_sock_TCP: Possible SYN flooding on port {port}. Sending cookies.",
            ),
            "?W {container}[{pid}]: cpu usage {cpu}% for the last 5 minutes",
            "?W kernel: [{n}.{pid}] sched: RT throttling activated",
            "?W {container}[{pid}]: thread pool queue full ({big} pending)",
        ),
    ),
)
