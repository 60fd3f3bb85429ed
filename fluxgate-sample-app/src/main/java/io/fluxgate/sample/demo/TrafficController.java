package io.fluxgate.sample.demo;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts and stops background load: {@code curl -X POST 'localhost:8080/demo/traffic?seconds=30'} returns at once
 * and the application log then shows, every second, the answers and the breakers' states.
 * {@code curl -X DELETE localhost:8080/demo/traffic} stops it; {@code GET /demo/traffic} (or
 * {@code /demo/traffic/status}) tells whether it runs and changes nothing.
 */
@RestController
@RequestMapping("/demo/traffic")
class TrafficController {

    private final TrafficGenerator traffic;

    TrafficController(TrafficGenerator traffic) {
        this.traffic = traffic;
    }

    @PostMapping
    TrafficGenerator.Status start(@RequestParam(defaultValue = "30") int seconds,
            @RequestParam(defaultValue = "10") int rate) {
        return this.traffic.start(Duration.ofSeconds(seconds), rate);
    }

    /** A read: checking on the traffic never starts or restarts it. */
    @GetMapping({ "", "/status" })
    TrafficGenerator.Status status() {
        return this.traffic.status();
    }

    @DeleteMapping
    TrafficGenerator.Status stop() {
        return this.traffic.stop();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    }
}
