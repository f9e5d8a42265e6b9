import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { WriteRateLimit } from '../common/decorators/rate-limit.decorator';
import { RequirePermission } from '../common/decorators/require-permission.decorator';
import { isoSeconds } from '../common/format/time';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { ApiErrorDto } from '../common/http/api-error.dto';
import { ThresholdsResponseDto } from './dto/thresholds-response.dto';
import { UpdateThresholdsResponseDto } from './dto/update-thresholds-response.dto';
import { CLEAR_MARGIN_RULE, FOR_MINUTES_RULE, UpdateThresholdsDto } from './dto/update-thresholds.dto';
import { mountPathProblem } from '../common/validation/mount-path';
import { THRESHOLD_RESOURCES } from './entities/threshold.entity';
import { ThresholdChanges, ThresholdsService } from './thresholds.service';
import { MAX_IGNORED_MOUNTS, MAX_MOUNT_OVERRIDES, MountRule } from './thresholds.types';

@ApiTags('config')
@Controller('config/thresholds')
export class ThresholdsController {
  constructor(private readonly thresholds: ThresholdsService) {}

  @Get()
  @RequirePermission('read', 'Current alert thresholds')
  @ApiOkResponse({ type: ThresholdsResponseDto })
  async get(): Promise<ThresholdsResponseDto> {
    return { checked_at: isoSeconds(Date.now()), thresholds: await this.thresholds.current() };
  }

  @Put()
  @RequirePermission('config', 'Change the thresholds, for_minutes/clear_margin, per-mount overrides or ignored mounts (admin); the alert engine re-evaluates at once')
  @Audit('thresholds.update', { target: 'thresholds' })
  @WriteRateLimit()
  @ApiBody({ type: UpdateThresholdsDto })
  @ApiOkResponse({ type: UpdateThresholdsResponseDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Champ inconnu, valeur hors bornes (0..100, for_minutes 0..60, clear_margin 0..50), warning ≥ critical, point de montage invalide ou plus de 50 : rien n’est modifié' })
  async update(@Body() body: UpdateThresholdsDto, @CurrentUser() user: AuthUser): Promise<UpdateThresholdsResponseDto> {
    const changes = checkedChanges(body);
    const updatedAt = await this.thresholds.update(changes, user.id);
    return {
      message: 'Seuils mis à jour avec succès',
      thresholds: await this.thresholds.current(),
      updated_at: isoSeconds(updatedAt),
      updated_by: user.username,
    };
  }
}

/** The changes, once every given resource has warning strictly below critical and every mount is valid. */
function checkedChanges(body: UpdateThresholdsDto): ThresholdChanges {
  const changes: ThresholdChanges = { resources: {} };
  const problems: string[] = [];
  for (const resource of THRESHOLD_RESOURCES) {
    const level = body?.[resource];
    if (level === undefined || level === null) continue;
    if (level.warning >= level.critical) {
      problems.push(`${resource}: warning (${level.warning}) doit être strictement inférieur à critical (${level.critical})`);
    }
    changes.resources[resource] = {
      warning: level.warning,
      critical: level.critical,
      ...(level.for_minutes !== undefined ? { for_minutes: level.for_minutes } : {}),
      ...(level.clear_margin !== undefined ? { clear_margin: level.clear_margin } : {}),
    };
  }
  if (body?.disk_mounts !== undefined) changes.diskMounts = checkedMountRules(body.disk_mounts, problems);
  if (body?.ignored_mounts !== undefined) changes.ignoredMounts = checkedMountList(body.ignored_mounts, problems);
  if (problems.length > 0) throw new ApiError(400, ERROR_LABELS[400], problems[0], problems);
  if (Object.keys(changes.resources).length === 0 && !changes.diskMounts && !changes.ignoredMounts) {
    throw new ApiError(400, ERROR_LABELS[400], 'Indiquez au moins une ressource parmi cpu, memory et disk (ou disk_mounts, ignored_mounts)');
  }
  return changes;
}

const MOUNT_FIELDS = new Set(['warning', 'critical', 'for_minutes', 'clear_margin']);

function checkedMountRules(input: Record<string, unknown>, problems: string[]): Record<string, MountRule | null> {
  const rules: Record<string, MountRule | null> = {};
  const entries = Object.entries(input);
  if (entries.length > MAX_MOUNT_OVERRIDES) problems.push(`disk_mounts : au plus ${MAX_MOUNT_OVERRIDES} points de montage`);
  for (const [mount, value] of entries) {
    const where = `disk_mounts['${mount.slice(0, 60)}']`;
    const pathProblem = mountPathProblem(mount);
    if (pathProblem) {
      problems.push(`disk_mounts : ${pathProblem}`);
      continue;
    }
    if (value === null) {
      rules[mount] = null;
      continue;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${where} doit être un objet {warning, critical} ou null`);
      continue;
    }
    const rule = value as Record<string, unknown>;
    const unknown = Object.keys(rule).find((key) => !MOUNT_FIELDS.has(key));
    if (unknown) {
      problems.push(`Le champ '${where}.${unknown}' n'est pas autorisé`);
      continue;
    }
    const isLevel = (x: unknown) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 100;
    if (!isLevel(rule.warning)) problems.push(`${where}.warning doit être un entier entre 0 et 100`);
    else if (!isLevel(rule.critical)) problems.push(`${where}.critical doit être un entier entre 0 et 100`);
    else if ((rule.warning as number) >= (rule.critical as number)) {
      problems.push(`${where}: warning (${rule.warning}) doit être strictement inférieur à critical (${rule.critical})`);
    } else if (rule.for_minutes !== undefined && !(Number.isInteger(rule.for_minutes) && (rule.for_minutes as number) >= 0 && (rule.for_minutes as number) <= 60)) {
      problems.push(`${where}.${FOR_MINUTES_RULE}`);
    } else if (rule.clear_margin !== undefined && !(typeof rule.clear_margin === 'number' && rule.clear_margin >= 0 && rule.clear_margin <= 50)) {
      problems.push(`${where}.${CLEAR_MARGIN_RULE}`);
    } else {
      const checked: MountRule = { warning: rule.warning as number, critical: rule.critical as number };
      if (rule.for_minutes !== undefined) checked.for_minutes = rule.for_minutes as number;
      if (rule.clear_margin !== undefined) checked.clear_margin = rule.clear_margin as number;
      rules[mount] = checked;
    }
  }
  return rules;
}

function checkedMountList(input: unknown, problems: string[]): string[] {
  if (!Array.isArray(input)) {
    problems.push("Le champ 'ignored_mounts' doit être une liste de points de montage");
    return [];
  }
  if (input.length > MAX_IGNORED_MOUNTS) problems.push(`ignored_mounts : au plus ${MAX_IGNORED_MOUNTS} points de montage`);
  for (const mount of input) {
    const problem = typeof mount === 'string' ? mountPathProblem(mount) : 'chaque point de montage doit être une chaîne';
    if (problem) problems.push(`ignored_mounts : ${problem}`);
  }
  return input as string[];
}
