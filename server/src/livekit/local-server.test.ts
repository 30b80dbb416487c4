import { describe, expect, it } from 'vitest';
import { liveKitConfigYaml, TURN_CREDENTIAL_TTL_SECONDS } from './local-server.ts';

const base = {
  apiKey: 'APIkey',
  apiSecret: 's'.repeat(43),
  ports: { http: 7880, rtcUdp: 7882 },
  webhookUrl: undefined,
};

describe('the local LiveKit’s configuration', () => {
  it('keeps development on loopback: HTTP and media on 127.0.0.1, no ICE/TCP, no TURN', () => {
    const yaml = liveKitConfigYaml({ ...base, media: { reach: 'loopback' } });
    expect(yaml).toContain('bind_addresses: ["127.0.0.1"]');
    expect(yaml).toContain('  tcp_port: 0\n  udp_port: 7882\n');
    expect(yaml).toContain('  node_ip: 127.0.0.1\n  enable_loopback_candidate: true\n');
    expect(yaml).not.toContain('turn_servers');
    // Else LiveKit hands clients Google's STUN servers, and tests would send traffic off the machine.
    expect(yaml).toContain('  stun_servers: ["127.0.0.1:4"]\n');
  });

  it('in production advertises the node address on its ports, keeps HTTP on loopback, and hands out coturn with derived credentials', () => {
    const yaml = liveKitConfigYaml({
      ...base,
      media: {
        reach: 'public',
        nodeIp: '45.67.89.10',
        udpPort: 7882,
        tcpPort: 7881,
        turn: { domain: 'turn.serambi.example', secret: 't'.repeat(40), udpPort: 3478, tlsPort: 443 },
      },
    });
    expect(yaml).toContain('bind_addresses: ["127.0.0.1"]');
    expect(yaml).toContain('  tcp_port: 7881\n  udp_port: 7882\n  use_external_ip: false\n  node_ip: "45.67.89.10"\n');
    expect(yaml).not.toContain('enable_loopback_candidate');
    const secret = JSON.stringify('t'.repeat(40));
    expect(yaml).toContain(
      `  turn_servers:\n` +
        `    - { host: "turn.serambi.example", port: 3478, protocol: udp, secret: ${secret}, ttl: ${TURN_CREDENTIAL_TTL_SECONDS} }\n` +
        `    - { host: "turn.serambi.example", port: 443, protocol: tls, secret: ${secret}, ttl: ${TURN_CREDENTIAL_TTL_SECONDS} }\n`,
    );
    // No static TURN password: LiveKit derives one per participant from the secret.
    expect(yaml).not.toMatch(/username|credential/);
  });

  it('lets a deployment tried on one machine use a loopback node address', () => {
    const yaml = liveKitConfigYaml({
      ...base,
      media: { reach: 'public', nodeIp: '127.0.0.1', udpPort: 7882, tcpPort: 0, turn: undefined },
    });
    expect(yaml).toContain('  enable_loopback_candidate: true\n  ips: { includes: ["127.0.0.1/32"] }\n');
    expect(yaml).toContain('  stun_servers: ["127.0.0.1:4"]\n');
  });
});
