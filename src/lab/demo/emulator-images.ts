import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * The one machine image the demo's moto knows (MOTO_AMIS_PATH): moto otherwise loads thousands of
 * images on the first EC2 image lookup, about 8 s on a 2-core machine.
 */
export const DEMO_IMAGE = {
  ami_id: 'ami-0a1b2c3d4e5f60718',
  name: 'al2023-ami-2023.6.20261101.0-kernel-6.1-x86_64',
  description: 'Amazon Linux 2023 AMI (garrison demo)',
  owner_id: '137112412989',
  public: true,
  state: 'available',
  image_location: 'amazon/al2023-ami-2023.6.20261101.0-kernel-6.1-x86_64',
  image_type: 'machine',
  architecture: 'x86_64',
  root_device_type: 'ebs',
  root_device_name: '/dev/xvda',
  virtualization_type: 'hvm',
  hypervisor: 'xen',
  sriov: 'simple',
};

/** Writes the demo's image list for moto and returns its path. */
export async function writeEmulatorImages(dir: string): Promise<string> {
  const path = resolve(join(dir, 'emulator', 'amis.json'));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify([DEMO_IMAGE], null, 1)}\n`);
  return path;
}
