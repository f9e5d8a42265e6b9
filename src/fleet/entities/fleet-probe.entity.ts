import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Another HealthCheck probe shown in the dashboard's fleet view. */
@Entity('fleet_probes')
export class FleetProbe {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) name: string;
  /** Normalised: no trailing slash, no query, no credentials. */
  @Column({ name: 'base_url', type: 'text', unique: true }) baseUrl: string;
  @Column({ name: 'created_at', type: 'datetime' }) createdAt: Date;
  @Column({ name: 'created_by', type: 'integer', nullable: true }) createdBy: number | null;
}
