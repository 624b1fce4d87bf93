package build

import (
	"context"
	"fmt"
	"time"
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
	// The emulator outlives this step, so its context ends with the run, and
	// with the flash-timeout only while it is starting.
	emulatorCtx, stop := context.WithCancelCause(ctx)
	limit := time.AfterFunc(v.cfg.FlashTimeout, func() { stop(&timeLimit{"the flash-timeout", v.cfg.FlashTimeout}) })
	emulator, err := v.deps.StartEmulator(emulatorCtx, v.cfg)
	limit.Stop()
	if emulatorCtx.Err() != nil {
		if err == nil {
			emulator.Close()
		}
		stop(nil)
		return v.endStopped(emulatorCtx, PhaseFlashing, "the emulator was starting")
	}
	if err != nil {
		stop(nil)
		return v.end(OutcomeFlashFailed, PhaseFlashing, fmt.Errorf("cannot start the emulator: %w", err))
	}
	v.emulator, v.stopEmulator = emulator, func() { stop(nil) }
	v.report.Port = emulator.PortPath()
	return true
}
