/** The 电子处方 API methods: each routes to the PrescriptionDesk. */
import type { z } from 'zod';
import type { PrescriptionDesk } from './prescription-desk';
import type { rxApiArgs } from './api-args';

type Args<M extends keyof typeof rxApiArgs> = z.output<(typeof rxApiArgs)[M]>;

export function rxHandlers(desk: PrescriptionDesk) {
  return {
    'rx.list': (args: Args<'rx.list'>) => desk.list(args.limit),
    'rx.get': (args: Args<'rx.get'>) => desk.get(args.hiRxno),
    'rx.authorize': (args: Args<'rx.authorize'>) => desk.authorize(args.personKey, args.hiRxno),
    'rx.download': (args: Args<'rx.download'>) => desk.download(args.hiRxno),
    'rx.verify': (args: Args<'rx.verify'>) => desk.verify(args.hiRxno),
    'rx.pharmacists': () => desk.pharmacists(),
    'rx.audit': (args: Args<'rx.audit'>) => desk.auditBy(args.hiRxno, args.pharmacist, args.pass, args.opinion),
    'rx.basket': (args: Args<'rx.basket'>) => ({ hiRxno: args.hiRxno, ...desk.basket(args.hiRxno) }),
    'rx.uploadSale': (args: Args<'rx.uploadSale'>) => desk.uploadSale(args.hiRxno),
    'rx.refund': (args: Args<'rx.refund'>) => desk.refund(args.hiRxno, args.reason),
    'rx.deliver': (args: Args<'rx.deliver'>) =>
      desk.deliver(args.hiRxno, {
        delvNo: args.delvNo,
        company: args.company,
        courier: args.courier,
        tel: args.tel,
        address: args.address,
        status: args.status,
      }),
    'rx.sign': (args: Args<'rx.sign'>) => desk.sign(args.hiRxno, args.signer),
  };
}
