import 'reflect-metadata';
import { createNotificationHandler, type NotificationHandlerOptions } from '@etkit/notify/express';
import { Controller, type DynamicModule, Inject, Module, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';

const NOTIFICATION_OPTIONS = Symbol('NOTIFICATION_OPTIONS');

@Controller('et')
class NotificationController {
  private readonly handle: ReturnType<typeof createNotificationHandler>;

  constructor(@Inject(NOTIFICATION_OPTIONS) notifications: NotificationHandlerOptions) {
    this.handle = createNotificationHandler({ ...notifications, framework: 'nestjs' });
  }

  // @Res() hands the response to the handler: it writes the acknowledgement itself.
  @Post('notify')
  async receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.handle(req, res);
  }
}

@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a NestJS dynamic module is a decorated class with a static register()
export class NotificationModule {
  static register(notifications: NotificationHandlerOptions): DynamicModule {
    return {
      module: NotificationModule,
      controllers: [NotificationController],
      providers: [{ provide: NOTIFICATION_OPTIONS, useValue: notifications }],
    };
  }
}

export function createNestApp(notifications: NotificationHandlerOptions): Promise<NestExpressApplication> {
  // rawBody: true keeps the bytes NestJS's JSON/urlencoded parsers read (req.rawBody): the signature covers them.
  return NestFactory.create<NestExpressApplication>(NotificationModule.register(notifications), {
    rawBody: true,
    logger: false,
  });
}
