package build

import (
	"context"
	"fmt"
)

func (v *verification) build(ctx context.Context) bool {
	if v.cfg.Build == "" {
		return true
	}
	defer v.clock(PhaseBuilding)()
	v.deps.Progress(PhaseBuilding, v.cfg.Build)
	ctx, cancel := withLimit(ctx, "the build-timeout", v.cfg.BuildTimeout)
	defer cancel()
	output, exitCode, err := v.runCommand(ctx, v.cfg.Build)
	v.report.BuildLog = output
	return v.endCommand(ctx, PhaseBuilding, OutcomeBuildFailed, "build command", exitCode, err)
}

func (v *verification) flash(ctx context.Context) bool {
	switch {
	case v.cfg.Emulator != "":
		return v.startEmulator(ctx)
	case v.cfg.Flash != "":
		defer v.clock(PhaseFlashing)()
		v.deps.Progress(PhaseFlashing, v.cfg.Flash)
		ctx, cancel := withLimit(ctx, "the flash-timeout", v.cfg.FlashTimeout)
		defer cancel()
		output, exitCode, err := v.runCommand(ctx, v.cfg.Flash)
		v.report.FlashLog = output
		return v.endCommand(ctx, PhaseFlashing, OutcomeFlashFailed, "flash command", exitCode, err)
	}
	return true
}

func (v *verification) startEmulator(ctx context.Context) bool {
	defer v.clock(PhaseFlashing)()
	v.deps.Progress(PhaseFlashing, fmt.Sprintf("starting %s (paused) with %s", v.cfg.Emulator, v.cfg.Kernel))
	emulator, err := v.deps.StartEmulator(ctx, v.cfg)
	if err != nil && ctx.Err() != nil {
		return v.endStopped(ctx, PhaseFlashing, "the emulator was starting")
	}
	if err != nil {
		return v.end(OutcomeFlashFailed, PhaseFlashing, fmt.Errorf("cannot start the emulator: %w", err))
	}
	v.emulator = emulator
	v.report.Port = emulator.PortPath()
	return true
}
