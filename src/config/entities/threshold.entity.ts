import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ThresholdResource = 'cpu' | 'memory' | 'disk';
export const THRESHOLD_RESOURCES: ThresholdResource[] = ['cpu', 'memory', 'disk'];

@Entity('thresholds')
export class Threshold {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text', unique: true }) resource: ThresholdResource;
  @Column({ name: 'warning_level', type: 'integer' }) warningLevel: number;
  @Column({ name: 'critical_level', type: 'integer' }) criticalLevel: number;
  @Column({ name: 'for_minutes', type: 'integer', default: 0 }) forMinutes: number;
  @Column({ name: 'clear_margin', type: 'real', default: 0 }) clearMargin: number;
  @Column({ name: 'updated_at', type: 'datetime' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'integer', nullable: true }) updatedBy: number | null;
}
